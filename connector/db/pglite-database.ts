import { PGlite, type Results } from '@electric-sql/pglite';
import type { QueryResult, ScriptableDatabase, Submitted, Transaction } from './database.ts';
import { assertOutsideTransaction, runInTransactionScope } from './transaction-scope.ts';

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

  /** @param pglite an open instance, owned from now on (closed by close()). */
  constructor(
    readonly pglite: PGlite,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
    assertOutsideTransaction(this, 'db.query()');
    return toResult(await this.pglite.query<Row>(sql, params));
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
        query: async <Row>(sql: string, params?: unknown[]) => toResult(await pgTx.query<Row>(sql, params)),
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
