import { describe, expect, it } from 'vitest';
import { formatDate } from '../../connector/render/dates.ts';
import { formatTaxRate } from '../../connector/render/tax-rate.ts';

const NBSP = '\u00a0';

describe('formatTaxRate', () => {
  it('turns basis points into a locale percentage', () => {
    expect(formatTaxRate(2000, 'de-DE')).toBe(`20${NBSP}%`);
    expect(formatTaxRate(770, 'de-CH')).toBe('7.7%');
    expect(formatTaxRate(770, 'de-DE')).toBe(`7,7${NBSP}%`);
    expect(formatTaxRate(2000, 'en-GB')).toBe('20%');
    expect(formatTaxRate(0, 'en-GB')).toBe('0%');
  });

  it('keeps two decimals of a percent exactly (5.5 %, 8.25 %)', () => {
    expect(formatTaxRate(550, 'fr-FR')).toBe(`5,5${NBSP}%`);
    expect(formatTaxRate(825, 'en-US')).toBe('8.25%');
  });
});

describe('formatDate', () => {
  it('shows the calendar date in the document time zone, not UTC', () => {
    // 23:30 UTC on New Year's Eve is already 1 January in Berlin, and still 31 December in New York.
    expect(formatDate('2026-12-31T23:30:00Z', 'de-DE', 'Europe/Berlin')).toBe('01.01.2027');
    expect(formatDate('2026-12-31T23:30:00Z', 'en-US', 'America/New_York')).toBe('Dec 31, 2026');
  });

  it('honours the offset in the input', () => {
    expect(formatDate('2026-11-23T00:30:00+01:00', 'en-GB', 'UTC')).toBe('22 Nov 2026');
  });
});
