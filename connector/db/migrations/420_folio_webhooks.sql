-- Outbound webhooks (connector/webhooks). Subscribers of a retailer receive document events, signed with
-- their secret. The secret is kept as is because every POST is signed with it (HMAC-SHA256); it is shown
-- in full once, at creation. A removed subscription is kept (deleted_at) so its delivery log stays readable.
CREATE TABLE IF NOT EXISTS folio_webhook_subscriptions (
  id          text PRIMARY KEY,
  account_id  text NOT NULL,
  retailer_id text NOT NULL,
  url         text NOT NULL,
  secret      text NOT NULL,
  -- after a rotation the old secret also signs (a second v1) until it expires, so receivers can switch over
  previous_secret            text,
  previous_secret_expires_at timestamptz,
  event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
  description text,
  enabled     boolean NOT NULL DEFAULT true,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz
);
CREATE INDEX IF NOT EXISTS folio_webhook_subscriptions_by_retailer ON folio_webhook_subscriptions (account_id, retailer_id) WHERE deleted_at IS NULL;

-- One row per event, written by the triggers of migration 421 in the same transaction as the fact it
-- reports (a document stored, failed, delivered, its links revoked), and only when someone subscribes.
CREATE TABLE IF NOT EXISTS folio_webhook_events (
  id           text PRIMARY KEY DEFAULT ('evt_' || replace(gen_random_uuid()::text, '-', '')),
  type         text NOT NULL CHECK (type IN ('document.generated', 'document.failed', 'document.delivered', 'document.revoked')),
  account_id   text NOT NULL,
  retailer_id  text NOT NULL,
  occurred_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  data         jsonb NOT NULL
);

-- One row per event × subscription. enqueued_at NULL: a queue job is still to be made for it (a new
-- delivery, or a manual redelivery); the dispatcher makes the job and stamps it in one transaction.
CREATE TABLE IF NOT EXISTS folio_webhook_deliveries (
  id              text PRIMARY KEY DEFAULT ('whdel_' || replace(gen_random_uuid()::text, '-', '')),
  event_id        text NOT NULL REFERENCES folio_webhook_events (id),
  subscription_id text NOT NULL REFERENCES folio_webhook_subscriptions (id),
  -- pending: waiting for its first try · retrying: a try failed, the queue tries again with backoff
  -- delivered: the receiver answered 2xx · failed: every try failed (redeliver by hand) · cancelled: the
  -- subscription was removed or disabled before it could be delivered
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'retrying', 'delivered', 'failed', 'cancelled')),
  attempts        integer NOT NULL DEFAULT 0,
  last_status     integer,
  last_error      text,
  enqueued_at     timestamptz,
  -- the queue job now responsible for it: a job made before a redelivery finds another id and stands down
  job_id          text,
  -- set by a manual redelivery (who asked, when): its tries are marked manual in the log
  redelivered_at  timestamptz,
  redelivered_by  text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  UNIQUE (event_id, subscription_id)
);
CREATE INDEX IF NOT EXISTS folio_webhook_deliveries_to_enqueue ON folio_webhook_deliveries (created_at) WHERE enqueued_at IS NULL;
CREATE INDEX IF NOT EXISTS folio_webhook_deliveries_by_subscription ON folio_webhook_deliveries (subscription_id, created_at DESC);

-- The delivery log: every POST, with the receiver's status code (NULL: no answer) and how long it took.
CREATE TABLE IF NOT EXISTS folio_webhook_attempts (
  id          bigserial PRIMARY KEY,
  delivery_id text NOT NULL REFERENCES folio_webhook_deliveries (id),
  attempt     integer NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  status_code integer,
  latency_ms  integer NOT NULL,
  error       text,
  manual      boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS folio_webhook_attempts_by_delivery ON folio_webhook_attempts (delivery_id, id);
