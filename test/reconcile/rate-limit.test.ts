import { describe, expect, it } from 'vitest';
import { createPacer } from '../../connector/reconcile/rate-limit.ts';

/** A clock that only moves when someone sleeps on it. */
function fakeClock() {
  let now = 1_000;
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms: number) => void (slept.push(ms), (now += ms)) };
}

describe('createPacer', () => {
  it('lets the first call go at once and spaces the next ones 1/rate apart', async () => {
    const clock = fakeClock();
    const pace = createPacer(4, clock);
    for (let i = 0; i < 5; i++) await pace();
    expect(clock.slept).toEqual([250, 250, 250, 250]);
  });

  it('does not bank unused time as a burst beyond the next slot', async () => {
    const clock = fakeClock();
    const pace = createPacer(10, clock);
    await pace();
    await clock.sleep(1_000);
    await pace();
    await pace();
    expect(clock.slept).toEqual([1_000, 100]);
  });

  it('refuses a rate that is not above 0', () => {
    expect(() => createPacer(0)).toThrow(/above 0/);
  });
});
