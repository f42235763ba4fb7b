import { divHalfUp, toSafeInteger } from './rounding.ts';

/**
 * Splitting integer amounts without losing or inventing a minor unit.
 */

/**
 * Largest-remainder (Hamilton) split of `total` in proportion to non-negative integer `weights`.
 * Parts sum to `total` exactly and each is within one unit of its exact share; ties go to the
 * earlier index so the result is deterministic. All-zero weights split evenly.
 */
export function allocateByWeights(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError(`total must be a safe integer: ${total}`);
  if (weights.length === 0) {
    if (total === 0) return [];
    throw new RangeError('cannot allocate a non-zero total over no weights');
  }
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be non-negative integers');
  if (total < 0) return allocateByWeights(-total, weights).map((part) => -part || 0);
  const effective = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
  const sum = effective.reduce((a, w) => a + BigInt(w), 0n);
  const big = BigInt(total);
  const floors = effective.map((w) => (big * BigInt(w)) / sum);
  const remainders = effective.map((w, index) => ({ index, remainder: (big * BigInt(w)) % sum }));
  let left = big - floors.reduce((a, f) => a + f, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    floors[index] = (floors[index] as bigint) + 1n;
    left -= 1n;
  }
  return floors.map((f) => toSafeInteger(f));
}

/**
 * The share of `total` belonging to a part that covers weight (before, through] out of `of`,
 * rounded cumulatively: round(total × through / of) − round(total × before / of). Successive parts
 * (packages, partial refunds) then always add up to exactly `total`: no drift however many parts.
 */
export function cumulativeShare(total: number, before: number, through: number, of: number): number {
  if (of <= 0) throw new RangeError('the whole must be positive');
  if (before < 0 || through < before || through > of) throw new RangeError('part outside the whole');
  const at = (w: number) => divHalfUp(BigInt(total) * BigInt(w), BigInt(of));
  return toSafeInteger(at(through) - at(before));
}
