import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashRecipient } from '../audit/recipient-hash.ts';
import { toE164 } from '../deliver/e164.ts';

/** How a shopper signs in: the e-mail address or phone number their documents were sent to. */
export type ContactKind = 'email' | 'phone';
export interface Contact {
  kind: ContactKind;
  /** Canonical form: lower-case e-mail, E.164 phone. */
  address: string;
}

const email = z.email().max(254);

/** What the sign-in form's one field holds, or undefined when it is neither an e-mail address nor an E.164 number. */
export function parseContact(input: string): Contact | undefined {
  const trimmed = input.trim();
  if (trimmed.includes('@')) return email.safeParse(trimmed).success ? { kind: 'email', address: trimmed.toLowerCase() } : undefined;
  try {
    return { kind: 'phone', address: toE164(trimmed) };
  } catch {
    return undefined;
  }
}

/**
 * The portal's secrets, derived from the recipient pepper (FOLIO_RECIPIENT_PEPPER, else the oldest link
 * key, as the outbox does): contact hashes match the outbox's recipient hashes, and the sealing key is
 * a separate derivation, never the pepper itself.
 */
export interface PortalSecrets {
  hash(contact: Contact): string;
  seal(value: unknown): string;
  open(sealed: string): unknown;
  /** A MAC for short values the portal hands out (CSRF tokens). */
  mac(value: string): string;
}

export function portalSecrets(pepper: string): PortalSecrets {
  const sealKey = Buffer.from(hkdfSync('sha256', pepper, 'folio-portal', 'contact seal', 32));
  const macKey = Buffer.from(hkdfSync('sha256', pepper, 'folio-portal', 'form mac', 32));
  return {
    hash: (contact) => hashRecipient(contact.address, pepper),
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
    },
    open(sealed) {
      const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
      if (!iv || !tag || !body) throw new Error('sealed contact is malformed');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, iv);
      decipher.setAuthTag(tag);
      return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as unknown;
    },
    mac: (value) => createHmac('sha256', macKey).update(value).digest('base64url'),
  };
}
