/**
 * Fixed-window counters in this process's memory: at most `limit` hits per key per window. Bounded: the
 * map is emptied when a window ends. Processes behind a load balancer each count their own share.
 */
export function createRateLimiter(limit: number, windowMs: number, now: () => number = Date.now) {
  let windowStart = now();
  let counts = new Map<string, number>();
  return {
    /** Counts a hit; false when the key is over its limit in this window. */
    allow(key: string): boolean {
      if (now() - windowStart >= windowMs) {
        windowStart = now();
        counts = new Map();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return count <= limit;
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
