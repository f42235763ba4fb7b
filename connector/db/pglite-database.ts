import { PGlite, type Results } from '@electric-sql/pglite';
import type { QueryResult, ScriptableDatabase, Submitted, Transaction } from './database.ts';
import { assertOutsideTransaction, runInTransactionScope } from './transaction-scope.ts';
import { hasBinaryParameter, PreparedStatements } from './pglite-prepared.ts';

/**
 * The Database interface over an embedded PGlite (PostgreSQL in WASM, one connection).
 *
 * Serialising concurrent callers: PGlite 0.5 runs query(), exec() and transaction() under one
 * exclusive lock (its `_runExclusiveTransaction` mutex, read in the 0.5.16 source), and a
 * transaction holds that lock from BEGIN to COMMIT. So concurrent transactions queue behind each
 * other instead of interleaving statements on the single connection, and no extra mutex is needed
 * here. The one way to deadlock it, a db.query() from inside this database's own transaction, is
 * refused by the transaction scope.
 */
export class PgliteDatabase implements ScriptableDatabase {
  readonly engine = 'pglite' as const;

  private readonly prepared: PreparedStatements;

  /** @param pglite an open instance, owned from now on (closed by close()). */
  constructor(
    readonly pglite: PGlite,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.prepared = new PreparedStatements(pglite);
  }

  async query<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
    assertOutsideTransaction(this, 'db.query()');
    return this.statement<Row>(sql, params);
  }

  private async statement<Row>(sql: string, params: unknown[]): Promise<QueryResult<Row>> {
    if (hasBinaryParameter(params)) return toResult(await this.pglite.query<Row>(sql, params));
    if (this.pglite.closed) throw new Error('the embedded database is closed');
    // The locks PGlite's own query() takes: after any open transaction, one statement at a time.
    return toResult(await this.pglite._runExclusiveTransaction(() => this.pglite._runExclusiveQuery(() => this.prepared.run<Row>(sql, params, false))));
  }

  /**
   * The PGlite instance as pg-boss sees it (queue/boss-database.ts): its statements with parameters run
   * as prepared statements too, the rest (scripts, transactions) as PGlite runs them.
   */
  forQueue(): PGlite {
    // Not checked against this database's transaction scope: pg-boss's timers can start inside it.
    const query = <Row>(sql: string, params: unknown[] = []) => this.statement<Row>(sql, params).then((result) => ({ rows: result.rows, fields: [], affectedRows: result.rowCount }));
    // pg-boss sends its job fetch without parameters, through exec(): one statement (no `;` anywhere)
    // is prepared like the rest; scripts of several statements stay with exec().
    const exec = async (sql: string) => (sql.includes(';') ? this.pglite.exec(sql) : [await query(sql)]);
    return new Proxy(this.pglite, {
      get: (target, property) => {
        if (property === 'query') return query;
        if (property === 'exec') return exec;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** PGlite runs in this process: a statement is safe from its death only once committed. */
  submit<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Submitted<Row> {
    const result = this.query<Row>(sql, params);
    return { handedOver: result.then(() => undefined), result };
  }

  async exec(sql: string): Promise<void> {
    assertOutsideTransaction(this, 'db.exec()');
    await this.pglite.exec(sql);
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    assertOutsideTransaction(this, 'db.transaction()');
    return this.pglite.transaction((pgTx) => {
      const tx: Transaction = {
        query: async <Row>(sql: string, params: unknown[] = []) =>
          toResult(hasBinaryParameter(params) ? await pgTx.query<Row>(sql, params) : await this.pglite._runExclusiveQuery(() => this.prepared.run<Row>(sql, params, true))),
        exec: async (sql: string) => void (await pgTx.exec(sql)),
      };
      return runInTransactionScope(this, () => fn(tx));
    });
  }

  private closing?: Promise<void>;

  /** Idempotent: a second close must not release the data directory a newer instance holds. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.pglite.closed) await this.pglite.close();
      await this.onClose();
    })();
    return this.closing;
  }
}

function toResult<Row>(result: Results<Row>): QueryResult<Row> {
  // PGlite reports affectedRows for writes; a statement that returns rows counts them, as pg does.
  const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
  return { rows: result.rows, rowCount };
}
