import { describe, expect, it } from 'vitest';
import {
  allocateByWeights,
  amountToMinor,
  currencyExponent,
  cumulativeShare,
  divHalfUp,
  floatToMinor,
  parseTariffBp,
  taxInGross,
  taxOnNet,
  taxTreatment,
} from '../../connector/compose/money.ts';
import { expectPermanent } from './support/errors.ts';

describe('currency exponents (ISO 4217)', () => {
  it('knows 0-, 2- and 3-decimal currencies', () => {
    expect([currencyExponent('JPY'), currencyExponent('EUR'), currencyExponent('KWD')]).toEqual([0, 2, 3]);
  });
  it('falls back to Intl for an ISO currency missing from the table', () => {
    expect(currencyExponent('UAH')).toBe(2);
  });
  it('refuses an unknown code even though Intl would format it', () => {
    expectPermanent(() => currencyExponent('XYZ'), 'unknown currency XYZ');
  });
});

describe('Fluent amounts to minor units', () => {
  it('prefers unscaledValue and scale', () => {
    expect(amountToMinor({ amount: null, unscaledValue: 1999, scale: 2 }, 'EUR', 'x')).toBe(1999);
    expect(amountToMinor({ unscaledValue: 1234567, scale: 3 }, 'KWD', 'x')).toBe(1234567);
  });
  it('rescales up exactly when the scale is below the exponent', () => {
    expect(amountToMinor({ unscaledValue: 5, scale: 0 }, 'KWD', 'x')).toBe(5000);
    expect(amountToMinor({ unscaledValue: 5, scale: -2 }, 'JPY', 'x')).toBe(500);
  });
  it('rounds half-up (away from zero) only when the scale exceeds the exponent', () => {
    expect(amountToMinor({ unscaledValue: 12345, scale: 3 }, 'EUR', 'x')).toBe(1235);
    expect(amountToMinor({ unscaledValue: -12345, scale: 3 }, 'EUR', 'x')).toBe(-1235);
    expect(amountToMinor({ unscaledValue: 1499, scale: 3 }, 'JPY', 'x')).toBe(1);
    expect(amountToMinor({ unscaledValue: 1500, scale: 3 }, 'JPY', 'x')).toBe(2);
  });
  it('reads a float through its decimal string, without multiplication drift', () => {
    // 1.005 * 100 = 100.49999999999999 in floating point; the decimal string says 1.005 → 101.
    expect(floatToMinor(1.005, 'EUR', 'x')).toBe(101);
    expect(floatToMinor(0.29, 'EUR', 'x')).toBe(29);
    expect(floatToMinor(19.99, 'KWD', 'x')).toBe(19990);
    expect(floatToMinor(1e-7, 'EUR', 'x')).toBe(0);
    expect(floatToMinor(1500, 'JPY', 'x')).toBe(1500);
  });
  it('fails when no amount is given', () => {
    expectPermanent(() => amountToMinor({ amount: null, unscaledValue: null, scale: null }, 'EUR', 'item 1'), 'item 1: amount missing');
  });
});

describe('integer rounding', () => {
  it('rounds half away from zero', () => {
    expect([divHalfUp(5n, 2n), divHalfUp(-5n, 2n), divHalfUp(4n, 3n), divHalfUp(-7n, -2n)]).toEqual([3n, -3n, 1n, 4n]);
  });
  it('computes tax on net and tax in gross exactly', () => {
    expect(taxOnNet(1260, 1900)).toBe(239); // 239.4
    expect(taxOnNet(250, 1000)).toBe(25);
    expect(taxOnNet(5, 1000)).toBe(1); // 0.5 rounds up
    expect(taxInGross(11900, 1900)).toBe(1900);
    expect(taxOnNet(9_000_000_000_000, 2000)).toBe(1_800_000_000_000);
  });
});

describe('tax rates from TaxType', () => {
  it.each([
    ['20', 2000], ['20%', 2000], ['VAT20', 2000], ['7.7', 770], ['7,7 %', 770], ['0', 0], ['19.00', 1900],
  ])('tariff %s is %i bp', (tariff, bp) => {
    expect(parseTariffBp(tariff)).toBe(bp);
  });
  it('refuses a rate finer than a basis point', () => {
    expectPermanent(() => parseTariffBp('7.125'), 'finer than 0.01%');
  });
  it('maps rates and groups to EN 16931 categories', () => {
    expect(taxTreatment({ country: 'DE', group: 'STANDARD', tariff: '19' })).toEqual({ rateBp: 1900, category: 'S' });
    expect(taxTreatment({ country: 'GB', group: 'ZERO', tariff: null })).toEqual({ rateBp: 0, category: 'Z' });
    expect(taxTreatment({ country: 'GB', group: 'STANDARD', tariff: '0%' })).toEqual({ rateBp: 0, category: 'Z' });
    expect(taxTreatment({ country: 'DE', group: 'EXEMPT', tariff: '0' })).toEqual({ rateBp: 0, category: 'E', exemptionReason: 'Exempt from VAT' });
    expect(taxTreatment({ country: 'FR', group: 'REVERSE_CHARGE', tariff: null })).toMatchObject({ category: 'AE', exemptionReason: 'Reverse charge' });
    expect(taxTreatment({ country: 'DE', group: 'EXEMPT', tariff: '0' }, { EXEMPT: 'Steuerfrei nach § 4 UStG' })).toMatchObject({ exemptionReason: 'Steuerfrei nach § 4 UStG' });
  });
  it('refuses an exempt group with a non-zero rate', () => {
    expectPermanent(() => taxTreatment({ country: 'DE', group: 'EXEMPT', tariff: '19' }), 'non-zero rate');
  });
});

describe('allocation', () => {
  it('splits by largest remainder, summing exactly', () => {
    expect(allocateByWeights(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateByWeights(10, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(allocateByWeights(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocateByWeights(7, [0, 0])).toEqual([4, 3]);
    expect(allocateByWeights(5, [0, 3])).toEqual([0, 5]);
  });
  it('shares cumulatively so successive parts add up to the whole', () => {
    const parts = [[0, 1], [1, 2], [2, 3]].map(([b, t]) => cumulativeShare(100, b!, t!, 3));
    expect(parts).toEqual([33, 34, 33]);
  });
});
