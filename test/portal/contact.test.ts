import { describe, expect, it } from 'vitest';
import { hashRecipient } from '../../connector/audit/recipient-hash.ts';
import { parseContact, portalSecrets } from '../../connector/portal/contact.ts';
import { shopperFactsOf } from '../../connector/portal/shopper-facts.ts';
import { createRateLimiter } from '../../connector/portal/rate-limit.ts';
import { sampleInvoice } from '../render/fixtures/sample-invoice.ts';

describe('shopper contacts', () => {
  const secrets = portalSecrets('a-pepper-of-at-least-some-length-0123456789');

  it('takes an e-mail address or an international phone number, and nothing else', () => {
    expect(parseContact('  Grace@Example.COM ')).toEqual({ kind: 'email', address: 'grace@example.com' });
    expect(parseContact('+44 (0)20-7946 0958'.replace('(0)', ''))).toEqual({ kind: 'phone', address: '+442079460958' });
    expect(parseContact('0044 20 7946 0958')).toEqual({ kind: 'phone', address: '+442079460958' });
    for (const bad of ['', 'grace@', '@example.com', '020 7946 0958', 'hello', '+12', `${'a'.repeat(250)}@example.com`]) expect(parseContact(bad)).toBeUndefined();
  });

  it('hashes like the outbox does, so one address is one shopper however it is typed', () => {
    const hash = secrets.hash({ kind: 'email', address: 'grace@example.com' });
    expect(hash).toBe(hashRecipient('GRACE@example.com', 'a-pepper-of-at-least-some-length-0123456789'));
    expect(hash).not.toBe(portalSecrets('another-pepper-of-some-length-0123456789').hash({ kind: 'email', address: 'grace@example.com' }));
  });

  it('seals the contact on file and refuses a tampered seal', () => {
    const sealed = secrets.seal({ email: 'grace@example.com' });
    expect(sealed).not.toContain('grace');
    expect(secrets.open(sealed)).toEqual({ email: 'grace@example.com' });
    const [iv, tag, body] = sealed.split('.');
    expect(() => secrets.open([iv, tag, `${body!.slice(0, -2)}AA`].join('.'))).toThrow();
    expect(() => portalSecrets('another-pepper-of-some-length-0123456789').open(sealed)).toThrow();
  });

  it("records a document's shopper, order and amount from the document alone", () => {
    const document = { ...sampleInvoice(), buyer: { name: 'Erika', email: 'Erika@Example.com', phone: '+49 151 2345 6789' } };
    const facts = shopperFactsOf(document, secrets);
    expect(facts).toMatchObject({
      emailHash: secrets.hash({ kind: 'email', address: 'erika@example.com' }),
      phoneHash: secrets.hash({ kind: 'phone', address: '+4915123456789' }),
      orderRef: 'HD-000123',
      totalMinor: document.totals.grossMinor,
      currency: document.currency,
      issuedAt: document.issueDate,
    });
    expect(secrets.open(facts.sealedContact!)).toEqual({ email: 'erika@example.com', phone: '+4915123456789' });
    expect(shopperFactsOf({ ...document, buyer: { name: 'Walk-in' } }, secrets)).toMatchObject({ emailHash: null, phoneHash: null, sealedContact: null });
  });
});

describe('rate limits', () => {
  it('allows the limit per key per window, then refuses until the window ends', () => {
    let now = 0;
    const limiter = createRateLimiter(3, 1000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.allow('a'))).toEqual([true, true, true, false]);
    expect(limiter.allow('b')).toBe(true);
    now = 1000;
    expect(limiter.allow('a')).toBe(true);
  });
});
