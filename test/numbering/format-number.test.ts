import { expect, it } from 'vitest';
import { formatDocumentNumber } from '../../connector/numbering/format-number.ts';

const base = { seq: 42, issuedAt: new Date('2026-03-05T10:00:00Z'), timeZone: 'Europe/Berlin', values: { country: 'DE', retailer: '7', type: 'invoice' } };

it('fills every token of a pattern', () => {
  expect(formatDocumentNumber({ ...base, pattern: '{country}{yyyy}-{seq:6}' })).toBe('DE2026-000042');
  expect(formatDocumentNumber({ ...base, pattern: '{type}/{retailer}/{yy}{mm}{dd}/{seq}' })).toBe('invoice/7/260305/42');
});

it('never cuts a sequence longer than its width', () => {
  expect(formatDocumentNumber({ ...base, seq: 1234567, pattern: 'N{seq:3}' })).toBe('N1234567');
});

it('dates the number in the seller’s time zone, not in UTC', () => {
  const newYearInBerlin = new Date('2025-12-31T23:30:00Z');
  expect(formatDocumentNumber({ ...base, issuedAt: newYearInBerlin, pattern: '{yyyy}-{seq}' })).toBe('2026-42');
  expect(formatDocumentNumber({ ...base, issuedAt: newYearInBerlin, timeZone: 'UTC', pattern: '{yyyy}-{seq}' })).toBe('2025-42');
});

it('rejects unknown, empty, malformed and seq-less patterns with a clear error', () => {
  expect(() => formatDocumentNumber({ ...base, pattern: '{contry}-{seq}' })).toThrow('unknown token {contry} in number pattern "{contry}-{seq}"');
  expect(() => formatDocumentNumber({ ...base, values: { country: '' }, pattern: '{country}-{seq}' })).toThrow(/empty value/);
  expect(() => formatDocumentNumber({ ...base, pattern: '{seq:4' })).toThrow(/no \{seq\} token/);
  expect(() => formatDocumentNumber({ ...base, pattern: 'A{seq}}' })).toThrow(/malformed token/);
  expect(() => formatDocumentNumber({ ...base, pattern: '{yyyy:2}{seq}' })).toThrow(/only \{seq\} takes a width/);
  expect(() => formatDocumentNumber({ ...base, pattern: 'INV-{yyyy}' })).toThrow(/no \{seq\} token/);
  expect(() => formatDocumentNumber({ ...base, timeZone: 'Mars/Olympus', pattern: '{seq}' })).toThrow(/time zone "Mars\/Olympus"/);
});
