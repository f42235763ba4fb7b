-- Outbound webhook triggers (421) ask first whether any subscription wants the event, and only then
-- read the rows and build the payload. Before, every stored document built its JSON payload (and
-- every failure read its document and inbox event) just to find that no one subscribes: work on the
-- pipeline's hot path, in the same statement that marks the document stored.

CREATE OR REPLACE FUNCTION folio_webhook_wanted(event_type text, account text, retailer text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT account IS NOT NULL AND retailer IS NOT NULL AND EXISTS (
    SELECT 1 FROM folio_webhook_subscriptions s
     WHERE s.account_id = account AND s.retailer_id = retailer AND s.deleted_at IS NULL AND s.enabled AND event_type = ANY (s.event_types))
$$;

CREATE OR REPLACE FUNCTION folio_webhook_on_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT folio_webhook_wanted('document.generated', NEW.account_id, NEW.retailer_id) THEN RETURN NULL; END IF;
  PERFORM folio_emit_webhook_event('document.generated', NEW.account_id, NEW.retailer_id, jsonb_build_object('document', folio_webhook_document(NEW)));
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION folio_webhook_on_failure() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  account text := split_part(NEW.tenant, ':', 1);
  retailer text := nullif(split_part(NEW.tenant, ':', 2), '');
  doc folio_documents;
  requested jsonb;
BEGIN
  IF NOT folio_webhook_wanted('document.failed', account, retailer) THEN RETURN NULL; END IF;
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

CREATE OR REPLACE FUNCTION folio_webhook_on_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc folio_documents;
BEGIN
  SELECT * INTO doc FROM folio_documents d WHERE d.storage->>'key' = NEW.document_key LIMIT 1;
  IF doc.key IS NULL OR NOT folio_webhook_wanted('document.delivered', doc.account_id, doc.retailer_id) THEN RETURN NULL; END IF;
  PERFORM folio_emit_webhook_event('document.delivered', doc.account_id, doc.retailer_id, jsonb_build_object(
    'document', folio_webhook_document(doc), 'channel', NEW.channel, 'confirmed', NEW.state = 'sent'));
  RETURN NULL;
END
$$;
