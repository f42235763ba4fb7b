-- Revoked document links (connector/links). One row per document: every link to that document that was
-- issued at or before revoked_at is refused with 410; links issued later (e.g. after a reissue) work.
CREATE TABLE IF NOT EXISTS folio_link_revocations (
  document_key text PRIMARY KEY,
  revoked_at   timestamptz NOT NULL DEFAULT now(),
  reason       text
);
