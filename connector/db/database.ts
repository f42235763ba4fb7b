/**
 * One SQL dialect (PostgreSQL) over two engines: a real PostgreSQL server when DATABASE_URL is set,
 * an embedded PGlite database under ./var otherwise. Every store in Folio talks to this interface.
 *
 * Both engines return the same JavaScript values: int8 (count(*), bigint columns) as a number, or a
 * bigint past 2^53; numeric as a string; timestamptz, timestamp and date as a Date (UTC); json and
 * jsonb parsed. Sessions run in UTC on both.
 */
export interface QueryResult<Row> {
  rows: Row[];
  /** Rows returned (SELECT, RETURNING) or rows changed (INSERT, UPDATE, DELETE without RETURNING). */
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
}

export interface Database extends Queryable {
  /**
   * Runs fn in one transaction (BEGIN … COMMIT, ROLLBACK on throw). Inside fn use only `tx`: the
   * databases openDatabase() returns refuse their own query() or transaction() from inside, because
   * on PGlite (a single connection) it would wait for the transaction that is waiting for it.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs one statement on its own, like query(), and says when it no longer needs this process alive:
   * `handedOver` resolves once it is written to the server's connection (PostgreSQL: the server runs
   * and commits it even if this process dies next), or once it is committed (PGlite, which dies with
   * the process). `result` is the server's answer. For a record that must precede a step without
   * waiting for the answer, which a blocked event loop can delay (deliver/outbox.ts).
   */
  submit<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Submitted<Row>;
  readonly engine: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export interface Submitted<Row> {
  handedOver: Promise<void>;
  result: Promise<QueryResult<Row>>;
}

/** A transaction that can also run a script of several statements without parameters. */
export interface Transaction extends Queryable {
  exec(sql: string): Promise<void>;
}

/** What openDatabase() returns: a Database that can also run scripts (migrations, test setup). */
export interface ScriptableDatabase extends Database {
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters, outside any transaction. */
  exec(sql: string): Promise<void>;
}
