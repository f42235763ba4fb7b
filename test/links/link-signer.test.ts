import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { createLinkSigner, LinkTokenError } from '../../connector/links/link-signer.ts';
import { NEW_KEY, OLD_KEY } from './support/keys.ts';

const document = { key: 'ACME/invoice/INV-1.pdf', tenant: 'ACME' };
const base = { keys: [OLD_KEY, NEW_KEY], activeKid: 'k2', ttlSeconds: 3600, baseUrl: 'https://folio.example.com/' };

function failure(run: () => unknown): LinkTokenError {
  try {
    run();
  } catch (error) {
    if (error instanceof LinkTokenError) return error;
    throw error;
  }
  throw new Error('expected a LinkTokenError');
}

describe('link signer', () => {
  it('signs HS256 with the active kid and the document, tenant, purpose, jti and expiry', () => {
    const token = createLinkSigner(base).sign(document, 'view');
    const decoded = jwt.decode(token, { complete: true })!;
    expect(decoded.header).toMatchObject({ alg: 'HS256', kid: 'k2' });
    const claims = createLinkSigner(base).verify(token);
    expect(claims).toMatchObject({ documentKey: document.key, tenant: 'ACME', purpose: 'view' });
    expect(claims.expiresAt - claims.issuedAt).toBe(3600);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('builds stable Folio URLs for view and download', () => {
    const links = createLinkSigner(base).linksFor(document);
    expect(links.viewUrl).toMatch(/^https:\/\/folio\.example\.com\/documents\/view\?t=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(links.downloadUrl).toMatch(/^https:\/\/folio\.example\.com\/documents\/download\?t=/);
  });

  it('still verifies links signed with a rotated-out key that is still listed', () => {
    const oldToken = createLinkSigner({ ...base, activeKid: 'k1' }).sign(document, 'download');
    expect(createLinkSigner(base).verify(oldToken).purpose).toBe('download');
  });

  it('refuses links whose key was removed', () => {
    const oldToken = createLinkSigner({ ...base, activeKid: 'k1' }).sign(document, 'view');
    expect(failure(() => createLinkSigner({ ...base, keys: [NEW_KEY] }).verify(oldToken)).reason).toBe('unknown-key');
  });

  it('refuses a token whose payload was changed', () => {
    const [header, , signature] = createLinkSigner(base).sign(document, 'view').split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'GLOBEX/invoice/X.pdf', ten: 'GLOBEX', pur: 'view', iat: 1, exp: 9999999999 })).toString('base64url');
    expect(failure(() => createLinkSigner(base).verify(`${header}.${forged}.${signature}`)).reason).toBe('bad-signature');
  });

  it('refuses an unsigned (alg none) token', () => {
    const unsigned = jwt.sign({ sub: document.key, ten: 'ACME', pur: 'view' }, '', { algorithm: 'none', keyid: 'k2' } as jwt.SignOptions);
    expect(failure(() => createLinkSigner(base).verify(unsigned)).reason).toBe('bad-signature');
  });

  it('reports an expired link with its genuine claims', () => {
    const past = createLinkSigner({ ...base, now: () => Date.now() - 7_200_000 }).sign(document, 'view');
    const error = failure(() => createLinkSigner(base).verify(past));
    expect(error.reason).toBe('expired');
    expect(error.claims?.documentKey).toBe(document.key);
  });

  it('refuses configuration with short secrets or an unknown active key', () => {
    expect(() => createLinkSigner({ ...base, keys: [{ kid: 'k2', secret: 'short' }] })).toThrow(/at least 32 bytes/);
    expect(() => createLinkSigner({ ...base, activeKid: 'k9' })).toThrow(/not among the keys/);
  });
});
