import { describe, expect, it } from 'vitest';
import { formatDocumentNumber } from '../../connector/numbering/format-number.ts';
import { DEFAULT_NUMBER_PATTERN, numberAllocation, numberPrefix } from '../../connector/numbering/number-series.ts';
import { DOCUMENT_TYPES, sample } from '../render/helpers/samples.ts';

describe('numbering policy', () => {
  it('gives every document type a prefix of its own', () => {
    const prefixes = DOCUMENT_TYPES.map((type) => numberPrefix({ type }));
    expect(prefixes.every((prefix) => /^[A-Z]+$/.test(prefix))).toBe(true);
    expect(new Set(prefixes).size).toBe(DOCUMENT_TYPES.length);
    expect(numberPrefix({ type: 'invoice' })).toBe('INV');
  });

  it('prefixes a custom document with its name, at most 8 letters or digits, else DOC', () => {
    expect(numberPrefix({ type: 'custom', customName: 'warranty-card' })).toBe('WARRANTY');
    expect(numberPrefix({ type: 'custom', customName: 'gift 2' })).toBe('GIFT2');
    expect(numberPrefix({ type: 'custom', customName: '--' })).toBe('DOC');
    expect(numberPrefix({ type: 'custom' })).toBe('DOC');
  });

  it('numbers a document in its retailer × country × kind series, dated in the seller time zone', () => {
    const invoice = sample('invoice');
    const allocation = numberAllocation({ key: 'K1', document: invoice, kind: 'debit_note', country: 'GB', pattern: DEFAULT_NUMBER_PATTERN });
    expect(allocation.document).toEqual({ accountId: 'MAISON', retailerId: '1', documentType: 'debit_note', entityType: 'ORDER', entityRef: 'HD-000123' });
    expect(allocation.values).toEqual({ country: 'GB', prefix: 'INV' });
    expect(formatDocumentNumber({ ...allocation, seq: 1 })).toBe('INV-GB2026-000001');
  });
});
