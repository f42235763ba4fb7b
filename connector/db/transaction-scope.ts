import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Knows which database a piece of async code is inside a transaction of. PGlite is one connection:
 * a db.query() issued from inside that database's own transaction would queue behind it forever.
 * We refuse it at once, on both engines, so the mistake shows up in the first test rather than as a
 * hang in production (and code that passes on PostgreSQL also runs on PGlite).
 */
const scope = new AsyncLocalStorage<object>();

export function runInTransactionScope<T>(database: object, fn: () => Promise<T>): Promise<T> {
  return scope.run(database, fn);
}

export function assertOutsideTransaction(database: object, what: string): void {
  if (scope.getStore() === database) {
    throw new Error(`${what} called inside a transaction of the same database: use the transaction's handle (tx) instead`);
  }
}
