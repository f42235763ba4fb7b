-- Delivery outbox: two states around the provider's point of no return (connector/deliver/outbox.ts).
-- committing: recorded just before the provider could accept the message (SMTP: before the final dot)
-- unconfirmed: a run died while committing; the provider most likely took the message, so it is never
--              sent again on its own (an agent may resend by hand)
ALTER TABLE folio_deliveries DROP CONSTRAINT IF EXISTS folio_deliveries_state_check;
ALTER TABLE folio_deliveries ADD CONSTRAINT folio_deliveries_state_check
  CHECK (state IN ('pending', 'sending', 'committing', 'sent', 'unconfirmed', 'retrying', 'failed'));
