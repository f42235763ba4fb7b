-- Append-only audit trail (connector/audit): every pipeline step and every document access.
-- No personal data: recipients are kept only as a keyed hash, details are redacted before insert.
CREATE TABLE IF NOT EXISTS folio_audit_events (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  step           text NOT NULL CHECK (step IN (
                   'received', 'fetched', 'rendered', 'stored', 'reported', 'delivered', 'failed', 'retried',
                   'accessed', 'access-denied', 'revoked')),
  document_key   text,
  entity_ref     text,
  tenant         text,
  sha256         text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
  channel        text,
  recipient_hash text,
  details        jsonb NOT NULL DEFAULT '{}'::jsonb,
  CHECK (document_key IS NOT NULL OR entity_ref IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS folio_audit_events_by_document ON folio_audit_events (document_key, id);
CREATE INDEX IF NOT EXISTS folio_audit_events_by_entity ON folio_audit_events (entity_ref, id);

-- The code never updates or deletes; the database makes sure nobody else does either.
CREATE OR REPLACE FUNCTION folio_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'folio_audit_events is append-only: % refused', TG_OP;
END
$$;
DROP TRIGGER IF EXISTS folio_audit_events_no_change ON folio_audit_events;
CREATE TRIGGER folio_audit_events_no_change BEFORE UPDATE OR DELETE ON folio_audit_events
  FOR EACH ROW EXECUTE FUNCTION folio_audit_events_append_only();
DROP TRIGGER IF EXISTS folio_audit_events_no_truncate ON folio_audit_events;
CREATE TRIGGER folio_audit_events_no_truncate BEFORE TRUNCATE ON folio_audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION folio_audit_events_append_only();
