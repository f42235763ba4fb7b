-- Operator console (connector/console): the order and document list searches and sorts these.
-- order_ref comes from 300/411; customer_name and sales_channel are the console's, copied from the
-- document model when the number is assigned (connector/app/document-records.ts). NULL for older rows.
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS order_ref text;
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS customer_name text;
ALTER TABLE folio_documents ADD COLUMN IF NOT EXISTS sales_channel text;
-- Newest first, keyset on (created_at, key): one retailer, or every retailer (an operator scoped to *).
CREATE INDEX IF NOT EXISTS folio_documents_console_recent ON folio_documents (account_id, retailer_id, created_at DESC, key DESC);
CREATE INDEX IF NOT EXISTS folio_documents_console_recent_all ON folio_documents (created_at DESC, key DESC);
-- The selective filters, each still in list order.
CREATE INDEX IF NOT EXISTS folio_documents_console_status ON folio_documents (account_id, retailer_id, status, created_at DESC, key DESC);
CREATE INDEX IF NOT EXISTS folio_documents_console_type ON folio_documents (account_id, retailer_id, document_type, created_at DESC, key DESC);
CREATE INDEX IF NOT EXISTS folio_documents_console_channel ON folio_documents (account_id, retailer_id, sales_channel, created_at DESC, key DESC);
-- Prefix search on order ref and customer name; and "is this order invoiced" (an invoice with its order ref).
-- The order prefix index carries the list order, so a page of a prefix's matches is read from the index alone.
CREATE INDEX IF NOT EXISTS folio_documents_console_order_prefix ON folio_documents (account_id, retailer_id, order_ref text_pattern_ops) INCLUDE (created_at, key);
CREATE INDEX IF NOT EXISTS folio_documents_console_customer_prefix ON folio_documents (account_id, retailer_id, lower(customer_name) text_pattern_ops);
CREATE INDEX IF NOT EXISTS folio_documents_console_order_type ON folio_documents (account_id, retailer_id, order_ref, document_type);
-- Health charts: failures by reason over a window.
CREATE INDEX IF NOT EXISTS folio_audit_events_console_step_at ON folio_audit_events (step, at);
