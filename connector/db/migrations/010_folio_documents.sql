-- Document records and gap-free numbering (connector/numbering).
-- A series hands out 1, 2, 3 … with no gap: the counter row is updated in the same transaction that
-- inserts the document, so a rollback returns the number and a commit always leaves a document.
CREATE TABLE IF NOT EXISTS folio_number_series (
  series     text PRIMARY KEY,
  next_value bigint NOT NULL CHECK (next_value >= 1)
);

-- One row per document; key = account|retailer|type|entityType|entityRef (pipeline/document-key.ts).
-- status: numbered → stored → reported, or failed (a failed document keeps its number: no gap).
CREATE TABLE IF NOT EXISTS folio_documents (
  key              text PRIMARY KEY,
  account_id       text NOT NULL,
  retailer_id      text NOT NULL,
  document_type    text NOT NULL,
  entity_type      text NOT NULL,
  entity_ref       text NOT NULL,
  series           text NOT NULL,
  seq              bigint NOT NULL CHECK (seq >= 1),
  number           text NOT NULL,
  status           text NOT NULL DEFAULT 'numbered',
  failure_reason   text,
  sha256           text,
  storage          jsonb,
  template_version text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT folio_documents_series_number UNIQUE (series, number),
  CONSTRAINT folio_documents_series_seq UNIQUE (series, seq)
);
CREATE INDEX IF NOT EXISTS folio_documents_by_entity ON folio_documents (account_id, entity_ref);
