-- The documents API (connector/api) reads documents by a stable public id, by order, customer, entity,
-- type and date, and serves the lines and amounts of the canonical model built for each document.
-- model: the DocumentModel (core/document-model.ts) the PDF was rendered from, number included; kept by
--        connector/app/document-records.ts when the number is assigned (NULL for older documents).
-- order_ref: the model's order (also added by the portal's migration 300; whichever runs first adds it).
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS public_id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS model jsonb;
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS order_ref text;
CREATE UNIQUE INDEX IF NOT EXISTS folio_documents_public_id ON folio_documents (public_id);
-- A page of a retailer's documents, newest first (keyset pagination on created_at, public_id).
CREATE INDEX IF NOT EXISTS folio_documents_by_retailer_created ON folio_documents (account_id, retailer_id, created_at DESC, public_id DESC);
-- By order: the console's folio_documents_console_order_type (migration 400) leads with the same columns.
-- The API's customer filter: the buyer's e-mail address, compared lower-cased.
CREATE INDEX IF NOT EXISTS folio_documents_by_buyer_email ON folio_documents (account_id, retailer_id, lower(model #>> '{buyer,email}'));
-- Links, deliveries and revocations name the stored file; webhook events find the document through it.
CREATE INDEX IF NOT EXISTS folio_documents_by_storage_key ON folio_documents ((storage->>'key'));
