import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, minorToDecimalString } from '../../connector/render/money.ts';
import { PermanentError } from '../../connector/core/errors.ts';

const NBSP = '\u00a0';

describe('currencyExponent', () => {
  it('reads the ISO 4217 minor-unit exponent from Intl', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
  });

  it('rejects a code that is not a currency', () => {
    expect(() => currencyExponent('XYZ')).toThrow(PermanentError);
  });
});

describe('minorToDecimalString', () => {
  it('places the decimal point by string, padding small amounts', () => {
    expect(minorToDecimalString(123456, 2)).toBe('1234.56');
    expect(minorToDecimalString(5, 2)).toBe('0.05');
    expect(minorToDecimalString(-5, 3)).toBe('-0.005');
    expect(minorToDecimalString(1234, 0)).toBe('1234');
  });

  it('stays exact where binary floating point would not (0.1 + 0.2, beyond 2^53)', () => {
    expect(minorToDecimalString(30, 2)).toBe('0.30');
    expect(minorToDecimalString(9_007_199_254_740_993n, 2)).toBe('90071992547409.93');
  });

  it('refuses a number that is not a safe integer', () => {
    expect(() => minorToDecimalString(12.5, 2)).toThrow(PermanentError);
  });
});

describe('formatMoney', () => {
  it('formats EUR in German: 123456 → "1.234,56 €"', () => {
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe(`1.234,56${NBSP}€`);
    expect(formatMoney(5, 'EUR', 'de-DE')).toBe(`0,05${NBSP}€`);
    expect(formatMoney(-123456, 'EUR', 'de-DE')).toBe(`-1.234,56${NBSP}€`);
  });

  it('formats EUR in English and French conventions', () => {
    expect(formatMoney(123456, 'EUR', 'en-IE')).toBe('€1,234.56');
    expect(formatMoney(123456, 'EUR', 'fr-FR')).toBe(`1\u202f234,56${NBSP}€`);
  });

  it('formats JPY with no minor unit: 123456 → ¥123,456', () => {
    expect(formatMoney(123456, 'JPY', 'en-US')).toBe('¥123,456');
    expect(formatMoney(123456, 'JPY', 'ja-JP')).toBe('￥123,456');
  });

  it('formats KWD with three decimals: 123456 → 123.456', () => {
    expect(formatMoney(123456, 'KWD', 'en-US')).toBe(`KWD${NBSP}123.456`);
    expect(formatMoney(1, 'KWD', 'en-US')).toBe(`KWD${NBSP}0.001`);
  });

  it('never rounds: the last minor unit of a huge amount survives', () => {
    expect(formatMoney(9_007_199_254_740_993n, 'EUR', 'en-IE')).toBe('€90,071,992,547,409.93');
  });
});
