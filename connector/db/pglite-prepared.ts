import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import pgUtils from 'pg/lib/utils.js';

const { serialize } = protocol;

/**
 * Named prepared statements on PGlite's one connection, by SQL text. PGlite's own query() sends an
 * unnamed statement in six protocol calls (parse, describe, bind, describe, execute, sync) and
 * PostgreSQL parses and plans it every time; in WebAssembly that, not the work itself, was most of a
 * statement's cost (measured: an audit insert 0.55 → 0.28 ms CPU, a select by key 0.45 → 0.12 ms).
 * Here a statement is parsed once, then each run is one protocol call: bind, describe, execute, sync.
 *
 * Parameters go as text with their types left to the server, as node-postgres sends them to
 * PostgreSQL (its own prepareValue), so both engines see the same values. Rows are read with PGlite's
 * own parsers, so they are the values PGlite's query() answers. The least recently used statements
 * are closed past `capacity`. Callers hold PGlite's query lock.
 */
export class PreparedStatements {
  private readonly names = new Map<string, string>();
  private readonly toClose: string[] = [];
  private counter = 0;

  constructor(
    private readonly pglite: PGlite,
    private readonly capacity = 256,
  ) {}

  /** Inside a transaction nothing is closed (an aborted one refuses it) and nothing is synced to disk yet. */
  async run<Row>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Results<Row>> {
    try {
      return await this.once<Row>(sql, params, inTransaction);
    } catch (error) {
      // A table's columns changed under a prepared `SELECT *` (a migration, a test): prepared again, once.
      if (inTransaction || (error as { code?: string }).code !== '0A000') throw error;
      return this.once<Row>(sql, params, inTransaction);
    }
  }

  private async once<Row>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Results<Row>> {
    const known = this.names.get(sql);
    const name = known ?? `folio_${++this.counter}`;
    const parts = inTransaction ? [] : this.toClose.splice(0).map((old) => serialize.close({ type: 'S', name: old }));
    if (known === undefined) parts.push(serialize.parse({ text: sql, name }));
    parts.push(serialize.bind({ statement: name, values: params.map(asText) }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync());
    // Most recently used last, so the first key is the one to close.
    this.names.delete(sql);
    try {
      const { messages } = await this.pglite.execProtocol(concat(parts), { syncToFs: !inTransaction });
      this.names.set(sql, name);
      if (this.names.size > this.capacity) this.evictOldest();
      return parse.parseResults(messages, this.pglite.parsers)[0] as Results<Row>;
    } catch (error) {
      // The statement may exist (its parse went through, its run failed) or not: closing a statement
      // that does not exist is no error, so it is closed before the next run and prepared again.
      this.toClose.push(name);
      throw error;
    }
  }

  private evictOldest(): void {
    const [sql, name] = this.names.entries().next().value!;
    this.names.delete(sql);
    this.toClose.push(name);
  }
}

/** Binary values keep PGlite's own path, which describes the statement to send them typed. */
export function hasBinaryParameter(params: readonly unknown[]): boolean {
  return params.some((value) => value instanceof Uint8Array || value instanceof ArrayBuffer);
}

function asText(value: unknown): string | null {
  const prepared = pgUtils.prepareValue(value);
  return prepared === null || prepared === undefined ? null : String(prepared);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}
