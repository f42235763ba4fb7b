-- Delivery outbox (connector/deliver): one row per document × channel × recipient, so a retried or
-- re-run job never sends twice. recipient_hash is a keyed hash, never the address itself.
CREATE TABLE IF NOT EXISTS folio_deliveries (
  idempotency_key text PRIMARY KEY,
  document_key    text NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
  recipient_hash  text NOT NULL,
  -- pending: claimed, not sent yet · sending: a worker is talking to the provider · sent: done for good
  -- retrying: the provider failed transiently · failed: the provider refused for good (next channel)
  state           text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'retrying', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  provider_id     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS folio_deliveries_by_document ON folio_deliveries (document_key);
