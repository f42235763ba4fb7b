-- API keys of the documents API (connector/api/api-keys.ts). Each key reads the documents of one retailer
-- (account + retailer) and nothing else. Only a SHA-256 of the secret is kept: the secret is shown once,
-- at creation. A revoked key stays listed (who made it, who revoked it, when) and is refused from then on.
CREATE TABLE IF NOT EXISTS folio_api_keys (
  id                    text PRIMARY KEY,
  name                  text NOT NULL,
  account_id            text NOT NULL,
  retailer_id           text NOT NULL,
  secret_sha256         text NOT NULL CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
  rate_limit_per_minute integer CHECK (rate_limit_per_minute IS NULL OR rate_limit_per_minute > 0),
  created_by            text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  last_used_at          timestamptz,
  revoked_at            timestamptz,
  revoked_by            text
);
CREATE INDEX IF NOT EXISTS folio_api_keys_by_retailer ON folio_api_keys (account_id, retailer_id, created_at);
