import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByWeights, amountToMinor, cumulativeShare, floatToMinor } from '../../connector/compose/money.ts';
import { currencyArb, decimalString } from './support/arbitraries.ts';

describe('money conversion (property)', () => {
  it('round-trips any amount exactly through AmountType and through a Float, in 0-, 2- and 3-decimal currencies', () => {
    fc.assert(
      fc.property(currencyArb, fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 }), ({ code, exponent }, minor) => {
        const decimal = decimalString(minor, exponent);
        expect(amountToMinor({ amount: Number(decimal), unscaledValue: minor, scale: exponent }, code, 'x')).toBe(minor);
        expect(floatToMinor(Number(decimal), code, 'x')).toBe(minor);
      }),
    );
  });

  it('rescales extra digits half-up, never by more than half a minor unit', () => {
    fc.assert(
      fc.property(currencyArb, fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 1, max: 4 }), ({ code, exponent }, unscaled, extra) => {
        const minor = amountToMinor({ unscaledValue: unscaled, scale: exponent + extra }, code, 'x');
        const error = Math.abs(minor * 10 ** extra - unscaled);
        expect(error * 2).toBeLessThanOrEqual(10 ** extra);
      }),
    );
  });
});

describe('allocation (property)', () => {
  it('largest remainder sums exactly and stays within one unit of each exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 12 }), (total, weights) => {
        const parts = allocateByWeights(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0);
        parts.forEach((part, i) => {
          const exact = sum === 0 ? total / weights.length : (total * (weights[i] as number)) / sum;
          expect(Math.abs(part - exact)).toBeLessThan(1);
        });
      }),
    );
  });

  it('cumulative shares of any partition add up to the whole: no drift', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }), (total, pieces) => {
        const whole = pieces.reduce((a, b) => a + b, 0);
        let before = 0;
        let sum = 0;
        for (const piece of pieces) {
          sum += cumulativeShare(total, before, before + piece, whole);
          before += piece;
        }
        expect(sum).toBe(total);
      }),
    );
  });
});
