import { describe, expect, it } from 'vitest';
import { toE164 } from '../../connector/deliver/e164.ts';
import { PermanentError } from '../../connector/core/errors.ts';

describe('toE164', () => {
  it.each([
    ['+49 151 1234 5678', '+4915112345678'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['0049.151.12345678', '+4915112345678'],
    ['whatsapp:+4915112345678', '+4915112345678'],
  ])('normalises %j to %s', (raw, expected) => {
    expect(toE164(raw)).toBe(expected);
  });

  it.each(['0151 12345678', '+0151234567', '+49 151', '+49151123456789012', 'call me'])('refuses %j with a clear PermanentError', (raw) => {
    expect(() => toE164(raw)).toThrow(PermanentError);
    expect(() => toE164(raw)).toThrow(/E\.164.*\+ and the country code/);
  });
});
