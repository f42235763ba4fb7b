-- Marketplace seller statements (connector/statements). A cycle of a seller is closed once, in one
-- transaction: its statement row, every entry it counts and the numbers of its two documents. Entries
-- are unique per seller for ever, so an order, refund or adjustment is counted in exactly one cycle,
-- and nothing here is ever updated or deleted: a late refund lands in the next cycle.
CREATE TABLE IF NOT EXISTS folio_statements (
  account_id        text NOT NULL,
  retailer_id       text NOT NULL,
  seller_ref        text NOT NULL,
  cycle_id          text NOT NULL,
  cycle_start       timestamptz NOT NULL,
  cycle_end         timestamptz NOT NULL CHECK (cycle_end > cycle_start),
  currency          text NOT NULL,
  -- The payout computation (core/statement-model.ts Payout) and what the documents were built from.
  payout            jsonb NOT NULL,
  payout_minor      bigint NOT NULL,
  seller            jsonb NOT NULL,
  vat_status        text NOT NULL,
  standard_rate_bp  integer NOT NULL,
  invoice_key       text,
  statement_key     text NOT NULL,
  closed_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, seller_ref, cycle_id)
);
CREATE INDEX IF NOT EXISTS folio_statements_by_seller ON folio_statements (account_id, seller_ref, cycle_end);

CREATE TABLE IF NOT EXISTS folio_statement_entries (
  account_id  text NOT NULL,
  seller_ref  text NOT NULL,
  entry_key   text NOT NULL,
  cycle_id    text NOT NULL,
  position    integer NOT NULL,
  entry       jsonb NOT NULL,
  PRIMARY KEY (account_id, seller_ref, entry_key),
  FOREIGN KEY (account_id, seller_ref, cycle_id) REFERENCES folio_statements (account_id, seller_ref, cycle_id)
);
CREATE INDEX IF NOT EXISTS folio_statement_entries_by_cycle ON folio_statement_entries (account_id, seller_ref, cycle_id, position);

-- Manual adjustments: who entered what and why. They are counted by the first cycle closed after them
-- (or the open cycle they name); an adjustment is never changed or removed, a correction is another one.
CREATE TABLE IF NOT EXISTS folio_statement_adjustments (
  id            bigserial PRIMARY KEY,
  account_id    text NOT NULL,
  seller_ref    text NOT NULL,
  amount_minor  bigint NOT NULL CHECK (amount_minor <> 0),
  currency      text NOT NULL,
  reason        text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  author        text NOT NULL CHECK (length(author) BETWEEN 1 AND 200),
  cycle_id      text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS folio_statement_adjustments_by_seller ON folio_statement_adjustments (account_id, seller_ref, id);

CREATE OR REPLACE FUNCTION folio_statements_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: a closed cycle is never rewritten (% refused)', TG_TABLE_NAME, TG_OP;
END
$$;
DROP TRIGGER IF EXISTS folio_statements_no_change ON folio_statements;
CREATE TRIGGER folio_statements_no_change BEFORE UPDATE OR DELETE ON folio_statements
  FOR EACH ROW EXECUTE FUNCTION folio_statements_immutable();
DROP TRIGGER IF EXISTS folio_statement_entries_no_change ON folio_statement_entries;
CREATE TRIGGER folio_statement_entries_no_change BEFORE UPDATE OR DELETE ON folio_statement_entries
  FOR EACH ROW EXECUTE FUNCTION folio_statements_immutable();
DROP TRIGGER IF EXISTS folio_statement_adjustments_no_change ON folio_statement_adjustments;
CREATE TRIGGER folio_statement_adjustments_no_change BEFORE UPDATE OR DELETE ON folio_statement_adjustments
  FOR EACH ROW EXECUTE FUNCTION folio_statements_immutable();

-- The audit trail records adjustments and closed cycles too (core/ports/audit-sink.ts AUDIT_STEPS).
ALTER TABLE folio_audit_events DROP CONSTRAINT IF EXISTS folio_audit_events_step_check;
ALTER TABLE folio_audit_events ADD CONSTRAINT folio_audit_events_step_check CHECK (step IN (
  'received', 'fetched', 'rendered', 'stored', 'reported', 'delivered', 'failed', 'retried',
  'accessed', 'access-denied', 'revoked', 'adjusted', 'cycle-closed'));
