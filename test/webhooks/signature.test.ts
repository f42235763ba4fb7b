import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from '../../connector/webhooks/signature.ts';

const secret = 'whsec_test-secret';
const body = '{"id":"evt_1","type":"document.generated"}';

describe('Folio-Signature', () => {
  it('is t=<seconds>,v1=<HMAC-SHA256 of "t.body"> and verifies with the secret', () => {
    const header = signatureHeader(secret, body, 1_800_000_000);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, { nowSeconds: 1_800_000_010 })).toEqual({ valid: true, timestamp: 1_800_000_000 });
  });

  it('refuses another body, another secret, another timestamp, a replay past the tolerance, and junk', () => {
    const header = signatureHeader(secret, body, 1_800_000_000);
    const now = { nowSeconds: 1_800_000_010 };
    expect(verifySignature(secret, `${body} `, header, now)).toEqual({ valid: false, reason: 'signature does not match' });
    expect(verifySignature('whsec_other', body, header, now)).toEqual({ valid: false, reason: 'signature does not match' });
    expect(verifySignature(secret, body, header.replace('t=1800000000', 't=1800000005'), now)).toEqual({ valid: false, reason: 'signature does not match' });
    expect(verifySignature(secret, body, header, { nowSeconds: 1_800_000_000 + 301 })).toMatchObject({ valid: false, reason: expect.stringMatching(/replay/) });
    expect(verifySignature(secret, body, undefined, now)).toMatchObject({ valid: false });
    expect(verifySignature(secret, body, 'v1=abc', now)).toMatchObject({ valid: false, reason: 'malformed signature header' });
  });

  it('accepts the header when any of several v1 signatures matches (secret rotation)', () => {
    const header = signatureHeader(secret, body, 1_800_000_000);
    const withOld = `${header},v1=${'0'.repeat(64)}`;
    expect(verifySignature(secret, body, withOld, { nowSeconds: 1_800_000_000 }).valid).toBe(true);
  });
});
