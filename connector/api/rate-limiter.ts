export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until a request would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(principal: string, perMinute: number): RateDecision;
}

/**
 * A token bucket per API key or OIDC client: up to `perMinute` requests at once, refilled evenly over the
 * minute. In this process's memory: with several connector processes each allows the limit (say so in README).
 */
export function createRateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(principal, perMinute) {
      const at = now();
      const perMs = perMinute / 60_000;
      const bucket = buckets.get(principal) ?? { tokens: perMinute, at };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs);
      bucket.at = at;
      buckets.set(principal, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, limit: perMinute, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
      }
      return { allowed: false, limit: perMinute, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}
