import type { Database } from '../../connector/db/database.ts';
import { PgliteDatabase } from '../../connector/db/pglite-database.ts';

/** pg-boss's job fetch (manager.js #fetch): it claims with `WITH next AS (SELECT … FOR UPDATE SKIP LOCKED)`. */
const FETCH = /\bWITH\s+next\s+AS\b/;

/**
 * `db` as the job queue sees it, counting the job fetches pg-boss sends through it: on PostgreSQL
 * through its pool, on PGlite through forQueue(). Everything else passes through unchanged.
 */
export function countingFetches(db: Database): { db: Database; fetches: () => number } {
  let fetches = 0;
  const count = (sql: unknown) => {
    if (typeof sql === 'string' && FETCH.test(sql)) fetches += 1;
  };
  const counting = <T extends object>(target: T, methods: readonly string[]): T =>
    new Proxy(target, {
      get: (object, property) => {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        const bound = (value as (...args: unknown[]) => unknown).bind(object);
        return methods.includes(String(property)) ? (...args: unknown[]) => (count(args[0]), bound(...args)) : bound;
      },
    });
  const wrapped = new Proxy(db, {
    get: (object, property) => {
      if (object instanceof PgliteDatabase && property === 'forQueue') return () => counting(object.forQueue(), ['query', 'exec']);
      if (property === 'pool') return counting(Reflect.get(object, property, object) as object, ['query']);
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
  return { db: wrapped, fetches: () => fetches };
}
