-- Webhook events are derived by triggers on the tables that record the facts, so an event commits with
-- its fact or not at all, whoever writes it (the pipeline, a CLI command, the console):
--   document.generated  folio_documents row becomes 'stored' (or is stored again with a new file)
--   document.failed     an audit 'failed' step of the document itself (not of one delivery channel)
--   document.delivered  a folio_deliveries row becomes 'sent' or 'unconfirmed' (handed to the provider)
--   document.revoked    a folio_link_revocations row is written
-- Each event is stored once and fanned out to one delivery per matching subscription.

-- The document as webhooks and the documents API (connector/api/document-queries.ts) describe it.
CREATE OR REPLACE FUNCTION folio_webhook_document(d folio_documents) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_strip_nulls(jsonb_build_object(
    'id', d.public_id, 'number', d.number, 'type', d.document_type, 'status', d.status,
    'accountId', d.account_id, 'retailerId', d.retailer_id, 'entityType', d.entity_type, 'entityRef', d.entity_ref,
    'orderRef', d.order_ref, 'sha256', d.sha256, 'failureReason', d.failure_reason, 'templateVersion', d.template_version,
    'issueDate', d.model->>'issueDate', 'currency', d.model->>'currency', 'totals', d.model->'totals',
    'createdAt', d.created_at, 'updatedAt', d.updated_at))
$$;

CREATE OR REPLACE FUNCTION folio_emit_webhook_event(event_type text, account text, retailer text, payload jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  new_id text;
BEGIN
  IF account IS NULL OR retailer IS NULL THEN RETURN; END IF;
  IF NOT EXISTS (SELECT 1 FROM folio_webhook_subscriptions s WHERE s.account_id = account AND s.retailer_id = retailer
                   AND s.deleted_at IS NULL AND s.enabled AND event_type = ANY (s.event_types)) THEN
    RETURN;
  END IF;
  INSERT INTO folio_webhook_events (type, account_id, retailer_id, data) VALUES (event_type, account, retailer, payload)
    RETURNING id INTO new_id;
  INSERT INTO folio_webhook_deliveries (event_id, subscription_id)
    SELECT new_id, s.id FROM folio_webhook_subscriptions s
     WHERE s.account_id = account AND s.retailer_id = retailer AND s.deleted_at IS NULL AND s.enabled AND event_type = ANY (s.event_types);
END
$$;

CREATE OR REPLACE FUNCTION folio_webhook_on_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM folio_emit_webhook_event('document.generated', NEW.account_id, NEW.retailer_id, jsonb_build_object('document', folio_webhook_document(NEW)));
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS folio_webhook_document_generated ON folio_documents;
CREATE TRIGGER folio_webhook_document_generated AFTER UPDATE OF status, sha256 ON folio_documents
  FOR EACH ROW WHEN (NEW.status = 'stored' AND (OLD.status IS DISTINCT FROM 'stored' OR OLD.sha256 IS DISTINCT FROM NEW.sha256))
  EXECUTE FUNCTION folio_webhook_on_document();

CREATE OR REPLACE FUNCTION folio_webhook_on_failure() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  account text := split_part(NEW.tenant, ':', 1);
  retailer text := nullif(split_part(NEW.tenant, ':', 2), '');
  doc folio_documents;
  requested jsonb;
BEGIN
  SELECT * INTO doc FROM folio_documents d
   WHERE d.account_id = account AND d.retailer_id = retailer AND d.entity_ref = NEW.entity_ref AND d.status = 'failed'
   ORDER BY d.updated_at DESC LIMIT 1;
  -- The Fluent event that asked for the document (its inbox key is account|event id) names the entity's type.
  SELECT i.event INTO requested FROM folio_inbox i WHERE i.key = account || '|' || (NEW.details->>'eventId');
  PERFORM folio_emit_webhook_event('document.failed', account, retailer, jsonb_strip_nulls(jsonb_build_object(
    'entityRef', NEW.entity_ref, 'entityType', requested->>'entityType', 'reason', NEW.details->>'reason', 'attempt', NEW.details->'attempt',
    'document', CASE WHEN doc.key IS NULL THEN NULL ELSE folio_webhook_document(doc) END)));
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS folio_webhook_document_failed ON folio_audit_events;
CREATE TRIGGER folio_webhook_document_failed AFTER INSERT ON folio_audit_events
  FOR EACH ROW WHEN (NEW.step = 'failed' AND NEW.channel IS NULL AND NEW.tenant IS NOT NULL AND NEW.entity_ref IS NOT NULL)
  EXECUTE FUNCTION folio_webhook_on_failure();

CREATE OR REPLACE FUNCTION folio_webhook_on_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc folio_documents;
BEGIN
  SELECT * INTO doc FROM folio_documents d WHERE d.storage->>'key' = NEW.document_key LIMIT 1;
  IF doc.key IS NULL THEN RETURN NULL; END IF;
  PERFORM folio_emit_webhook_event('document.delivered', doc.account_id, doc.retailer_id, jsonb_build_object(
    'document', folio_webhook_document(doc), 'channel', NEW.channel, 'confirmed', NEW.state = 'sent'));
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS folio_webhook_document_delivered ON folio_deliveries;
CREATE TRIGGER folio_webhook_document_delivered AFTER UPDATE OF state ON folio_deliveries
  FOR EACH ROW WHEN (NEW.state IN ('sent', 'unconfirmed') AND OLD.state NOT IN ('sent', 'unconfirmed'))
  EXECUTE FUNCTION folio_webhook_on_delivery();

CREATE OR REPLACE FUNCTION folio_webhook_on_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc folio_documents;
BEGIN
  SELECT * INTO doc FROM folio_documents d WHERE d.storage->>'key' = NEW.document_key LIMIT 1;
  IF doc.key IS NULL THEN RETURN NULL; END IF;
  PERFORM folio_emit_webhook_event('document.revoked', doc.account_id, doc.retailer_id, jsonb_strip_nulls(jsonb_build_object(
    'document', folio_webhook_document(doc), 'reason', NEW.reason, 'revokedAt', NEW.revoked_at)));
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS folio_webhook_document_revoked ON folio_link_revocations;
CREATE TRIGGER folio_webhook_document_revoked AFTER INSERT OR UPDATE ON folio_link_revocations
  FOR EACH ROW EXECUTE FUNCTION folio_webhook_on_revocation();
