-- The webhook's acknowledgement commits the inbox row alone; the queue job is made from it afterwards
-- (connector/queue/inbox-dispatcher.ts), which stamps queued_at in the same transaction as the job.
-- Rows from before this migration got their job together with the row.
ALTER TABLE folio_inbox ADD COLUMN IF NOT EXISTS queued_at timestamptz;
UPDATE folio_inbox SET queued_at = received_at WHERE queued_at IS NULL;
CREATE INDEX IF NOT EXISTS folio_inbox_to_queue ON folio_inbox (received_at) WHERE queued_at IS NULL;
