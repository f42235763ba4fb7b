import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SIGNATURE_HEADER_SHA512 } from '../fluent/contract.ts';

/**
 * Fluent signs every webhook with its environment's private key: `fluent-signature` is base64
 * RSASSA-PKCS1-v1_5 with SHA-512 over the exact body bytes (REFERENCE.md §1.3, verified against the
 * real vector). We verify only that header: `flex.signature` uses MD5, which we do not trust.
 */
export interface WebhookKey {
  /** Environment name, e.g. "sydney_sandbox" or "emulator"; recorded with each accepted event. */
  name: string;
  publicKeySpkiBase64: string;
}

export interface LoadedKey {
  name: string;
  key: KeyObject;
}

export function loadWebhookKeys(keys: readonly WebhookKey[]): LoadedKey[] {
  return keys.map(({ name, publicKeySpkiBase64 }) => {
    try {
      const key = createPublicKey({ key: Buffer.from(publicKeySpkiBase64, 'base64'), format: 'der', type: 'spki' });
      return { name, key };
    } catch (cause) {
      throw new Error(`webhook key "${name}" is not a base64 SPKI (x509) public key`, { cause });
    }
  });
}

export type SignatureCheck = { ok: true; keyName: string } | { ok: false; reason: string };

/** Checks the signature header against every configured key (one per Fluent environment). */
export function verifyFluentSignature(
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
  keys: readonly LoadedKey[],
): SignatureCheck {
  const header = headers[SIGNATURE_HEADER_SHA512];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return { ok: false, reason: `missing ${SIGNATURE_HEADER_SHA512} header` };
  const signature = Buffer.from(value, 'base64');
  if (signature.length === 0) return { ok: false, reason: `${SIGNATURE_HEADER_SHA512} is not base64` };
  for (const { name, key } of keys) {
    if (verify('sha512', rawBody, key, signature)) return { ok: true, keyName: name };
  }
  return { ok: false, reason: `${SIGNATURE_HEADER_SHA512} does not verify with any configured key` };
}
