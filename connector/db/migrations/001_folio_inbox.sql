-- Webhooks accepted from Fluent (connector/queue). One row per Fluent account + event id: a second
-- delivery of the same event finds the row and queues nothing. Written in the same transaction as
-- the job, so an acknowledged webhook is never lost. job_id is the queue job that processes it.
CREATE TABLE IF NOT EXISTS folio_inbox (
  key         text PRIMARY KEY,
  event       jsonb NOT NULL,
  raw_body    text NOT NULL,
  verified_by text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  job_id      text NOT NULL
);
