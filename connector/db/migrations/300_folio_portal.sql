-- Shopper portal (connector/portal). What a shopper's documents list needs, recorded when a document is
-- numbered: who it was issued to (keyed hashes for look-up; the contact itself only sealed, for resends),
-- its order, amount and issue date. Older rows keep NULLs and simply do not show in the portal.
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS shopper_email_hash text;
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS shopper_phone_hash text;
-- AES-256-GCM of the JSON contact {email, phone, whatsapp}: resends go to the address on file.
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS shopper_contact_sealed text;
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS order_ref text;
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS total_minor bigint;
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS currency text;
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS issued_at timestamptz;
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS locale text;
-- Portal URLs name a document by its public id (public_id, migration 411), never by its key.
CREATE INDEX IF NOT EXISTS folio_documents_by_shopper_email ON folio_documents (account_id, retailer_id, shopper_email_hash, issued_at DESC)
  WHERE shopper_email_hash IS NOT NULL;
CREATE INDEX IF NOT EXISTS folio_documents_by_shopper_phone ON folio_documents (account_id, retailer_id, shopper_phone_hash, issued_at DESC)
  WHERE shopper_phone_hash IS NOT NULL;

-- One-time sign-in links. Only a hash of the token is kept: a database reader cannot sign in with it.
CREATE TABLE IF NOT EXISTS folio_portal_magic_links (
  token_hash   text PRIMARY KEY,
  tenant       text NOT NULL,
  contact_hash text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('email', 'phone')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz
);

-- Portal sessions: the cookie holds a random id, the table its hash. A forged or ended cookie finds no row.
-- document_key set: a session opened from one document's signed link, scoped to that document alone.
CREATE TABLE IF NOT EXISTS folio_portal_sessions (
  id_hash      text PRIMARY KEY,
  tenant       text NOT NULL,
  contact_hash text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('email', 'phone', 'document')),
  document_key text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ended_at     timestamptz
);
CREATE INDEX IF NOT EXISTS folio_portal_sessions_by_expiry ON folio_portal_sessions (expires_at);
