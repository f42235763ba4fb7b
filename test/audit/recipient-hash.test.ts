import { describe, expect, it } from 'vitest';
import { hashRecipient } from '../../connector/audit/recipient-hash.ts';

describe('hashRecipient', () => {
  it('treats spellings of one address as one recipient', () => {
    expect(hashRecipient(' Jane@Example.com ')).toBe(hashRecipient('jane@example.com'));
    expect(hashRecipient('whatsapp:+49 176 1234-5678')).toBe(hashRecipient('+4917612345678'));
  });

  it('is a 64-hex digest that does not contain the address', () => {
    const hash = hashRecipient('jane@example.com');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toBe(hashRecipient('john@example.com'));
  });

  it('depends on the pepper, so a leaked table cannot be reversed by hashing every number', () => {
    expect(hashRecipient('+4917612345678', 'pepper-a')).not.toBe(hashRecipient('+4917612345678', 'pepper-b'));
  });
});
