import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../connector/deliver/backoff.ts';

const policy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 5_000 };

describe('backoffDelay', () => {
  it('doubles per failed attempt, between half and all of the ceiling', () => {
    expect([1, 2, 3].map((failed) => backoffDelay(policy, failed, () => 0))).toEqual([500, 1_000, 2_000]);
    expect([1, 2, 3].map((failed) => backoffDelay(policy, failed, () => 1))).toEqual([1_000, 2_000, 4_000]);
  });

  it('never waits longer than the maximum', () => {
    expect(backoffDelay(policy, 10, () => 1)).toBe(5_000);
  });
});
