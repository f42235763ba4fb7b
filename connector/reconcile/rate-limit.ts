/**
 * Paces calls to at most `perSecond`: the n-th call may start no earlier than n / perSecond after the
 * first. Spreads a sweep's or a backfill's requests out, so a big catch-up neither floods Folio's queue
 * nor the Fluent calls its jobs make. The clock is injectable for tests.
 */
export function createPacer(perSecond: number, clock: { now(): number; sleep(ms: number): Promise<void> } = realClock): () => Promise<void> {
  if (!(perSecond > 0)) throw new Error(`a rate must be above 0 per second, not ${perSecond}`);
  const interval = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = clock.now();
    const at = Math.max(now, next);
    next = at + interval;
    if (at > now) await clock.sleep(at - now);
  };
}

const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
