import pg from 'pg';
import type { QueryResult, ScriptableDatabase, Submitted, Transaction } from './database.ts';
import { pgliteCompatibleTypes } from './pg-type-parsers.ts';
import { assertOutsideTransaction, runInTransactionScope } from './transaction-scope.ts';

export interface PostgresOptions {
  connectionString: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Errors of idle connections (server restart, network); they must not crash the process. */
  onPoolError?: (error: Error) => void;
}

/** The Database interface over a node-postgres pool. */
export class PostgresDatabase implements ScriptableDatabase {
  readonly engine = 'postgres' as const;
  /** The pool itself, for adapters that need a raw executor (the job queue engine). */
  readonly pool: pg.Pool;

  constructor(options: PostgresOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      types: pgliteCompatibleTypes,
      // Same session time zone as PGlite, so now()::date and to_char agree on both engines.
      options: '-c TimeZone=UTC',
    });
    const onPoolError = options.onPoolError ?? ((error: Error) => console.error('postgres pool error:', error.message));
    // pool.end() returns before its connections have finished closing; what they report then is noise.
    this.pool.on('error', (error) => this.pool.ending || onPoolError(error));
  }

  async query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
    assertOutsideTransaction(this, 'db.query()');
    return toResult<Row>(await this.pool.query(sql, params));
  }

  submit<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Submitted<Row> {
    assertOutsideTransaction(this, 'db.submit()');
    let handOver!: () => void;
    let refuse!: (error: unknown) => void;
    const handedOver = new Promise<void>((resolve, reject) => ((handOver = resolve), (refuse = reject)));
    const result = (async () => {
      const client = await this.pool.connect();
      try {
        // An idle client writes the statement to its socket before query() returns.
        const answer = client.query(sql, params);
        handOver();
        return toResult<Row>(await answer);
      } finally {
        client.release();
      }
    })();
    // Before the hand-over (no connection), the hand-over fails with it; after it, this is a no-op.
    result.catch(refuse);
    return { handedOver, result };
  }

  async exec(sql: string): Promise<void> {
    assertOutsideTransaction(this, 'db.exec()');
    // Without parameters node-postgres uses the simple protocol, which runs several statements.
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    assertOutsideTransaction(this, 'db.transaction()');
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const tx: Transaction = {
        query: async <Row>(sql: string, params?: unknown[]) => toResult<Row>(await client.query(sql, params)),
        exec: async (sql: string) => void (await client.query(sql)),
      };
      const result = await runInTransactionScope(this, () => fn(tx));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        // A connection that cannot roll back is not reused: release(error) destroys it.
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private closing?: Promise<void>;

  /** Idempotent (pg's pool.end() throws when called twice). */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}

function toResult<Row>(result: pg.QueryResult): QueryResult<Row> {
  return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
}
