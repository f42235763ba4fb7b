import { createHmac } from 'node:crypto';

/**
 * Identifies a recipient without storing them: an HMAC of the normalised address. A plain SHA-256 of a
 * phone number can be reversed by trying every number, so deployments set a secret pepper
 * (FOLIO_RECIPIENT_PEPPER); it must stay stable, since outbox idempotency keys are built from it.
 */
export function hashRecipient(address: string, pepper = ''): string {
  return createHmac('sha256', `folio-recipient:${pepper}`).update(normaliseAddress(address)).digest('hex');
}

/** `Jane@Example.com ` and `jane@example.com` are one recipient; so are `whatsapp:+49…` and `+49…`. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().replace(/^whatsapp:/i, '');
  return trimmed.includes('@') ? trimmed.toLowerCase() : trimmed.replace(/[^\d+]/g, '');
}
