import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header every outbound webhook carries, as Stripe's: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'Folio-Signature';

/** HMAC-SHA256 with the subscription's secret over `<t>.<body>`: the timestamp is signed, so a replay can be refused by age. */
export function signatureHeader(secret: string, body: string, timestampSeconds: number, previousSecret?: string): string {
  // During a secret rotation the old secret signs too, as a second v1: a receiver checks any v1.
  const previous = previousSecret ? `,v1=${hmac(previousSecret, timestampSeconds, body)}` : '';
  return `t=${timestampSeconds},v1=${hmac(secret, timestampSeconds, body)}${previous}`;
}

export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; reason: string };

/**
 * What a receiver does (README, "Outbound webhooks"): parse the header, recompute the HMAC over the raw
 * body, compare in constant time, refuse a timestamp older than the tolerance. Any v1 may match, so a
 * header may carry several signatures.
 */
export function verifySignature(secret: string, body: string, header: string | undefined, options: { toleranceSeconds?: number; nowSeconds?: number } = {}): SignatureCheck {
  if (!header) return { valid: false, reason: 'no signature header' };
  const parts = header.split(',').map((part) => part.split('=', 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([name]) => name === 't')?.[1]);
  const signatures = parts.filter(([name, value]) => name === 'v1' && value).map(([, value]) => value!);
  if (!Number.isInteger(timestamp) || signatures.length === 0) return { valid: false, reason: 'malformed signature header' };
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { valid: false, reason: 'signature does not match' };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return { valid: false, reason: 'timestamp outside the tolerance (a replay?)' };
  return { valid: true, timestamp };
}

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}
