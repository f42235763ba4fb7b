import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadWebhookKeys, verifyFluentSignature } from '../../connector/receive/signature.ts';
import { realWebhookVector } from '../fixtures/fluent/real-fluent.ts';

const vector = realWebhookVector();
const realKeys = loadWebhookKeys([{ name: 'fluent-sandbox', publicKeySpkiBase64: vector.publicKeySpkiBase64 }]);

describe('Fluent webhook signature', () => {
  it('verifies the real captured Fluent webhook', () => {
    const result = verifyFluentSignature(Buffer.from(vector.body), vector.headers, realKeys);
    expect(result).toEqual({ ok: true, keyName: 'fluent-sandbox' });
  });

  it('rejects the real webhook with one byte changed', () => {
    const body = Buffer.from(vector.body);
    body[body.indexOf('3786')] = '4'.charCodeAt(0);
    const result = verifyFluentSignature(body, vector.headers, realKeys);
    expect(result.ok).toBe(false);
  });

  it('rejects a body with one extra byte', () => {
    const result = verifyFluentSignature(Buffer.from(vector.body + ' '), vector.headers, realKeys);
    expect(result.ok).toBe(false);
  });

  it('rejects a request without the header, naming it', () => {
    const result = verifyFluentSignature(Buffer.from(vector.body), {}, realKeys);
    expect(result).toEqual({ ok: false, reason: 'missing fluent-signature header' });
  });

  it('does not accept the MD5 flex.signature in place of the SHA-512 one', () => {
    const headers = { 'fluent-signature': vector.headers['flex.signature'] };
    expect(verifyFluentSignature(Buffer.from(vector.body), headers, realKeys).ok).toBe(false);
  });

  it('accepts any of several environment keys and names the one that verified', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const keys = loadWebhookKeys([
      { name: 'fluent-sandbox', publicKeySpkiBase64: vector.publicKeySpkiBase64 },
      { name: 'emulator', publicKeySpkiBase64: spki },
    ]);
    const body = Buffer.from('{"id":"1"}');
    const headers = { 'fluent-signature': sign('sha512', body, privateKey).toString('base64') };
    expect(verifyFluentSignature(body, headers, keys)).toEqual({ ok: true, keyName: 'emulator' });
    expect(verifyFluentSignature(Buffer.from(vector.body), vector.headers, keys)).toEqual({ ok: true, keyName: 'fluent-sandbox' });
  });

  it('refuses a configured key that is not SPKI', () => {
    expect(() => loadWebhookKeys([{ name: 'bad', publicKeySpkiBase64: 'bm90IGEga2V5' }])).toThrow(/"bad" is not a base64 SPKI/);
  });
});
