/**
 * The emulator's in-memory database: one table per GraphQL type, rows keyed by id. Rows are plain
 * objects shaped like the GraphQL output (links to other rows are kept as `<name>Id` columns), so
 * resolvers mostly read fields straight through and tests can inspect what Fluent would hold.
 */
export interface Row {
  id: string;
  createdOn: string;
  updatedOn: string;
  // Columns most rows have, named so callers can pass a Row where `{status?, attributes?}` is expected.
  ref?: unknown;
  type?: unknown;
  status?: unknown;
  attributes?: unknown;
  [column: string]: unknown;
}

export class EntityStore {
  private readonly tables = new Map<string, Map<string, Row>>();
  // Fluent numbers each entity type on its own sequence, so invoice 1 and order 1 can coexist.
  private readonly sequences = new Map<string, number>();

  /** Adds a row; `fixedId` is for rows that exist before anything is created (the retailer). */
  insert(table: string, columns: Record<string, unknown>, fixedId?: string): Row {
    const id = fixedId ?? String((this.sequences.get(table) ?? 0) + 1);
    if (Number(id) > (this.sequences.get(table) ?? 0)) this.sequences.set(table, Number(id));
    const now = new Date().toISOString();
    const row: Row = { ...columns, id, createdOn: now, updatedOn: now };
    this.table(table).set(id, row);
    return row;
  }

  /** Applies a patch (undefined values are ignored, null clears) and bumps updatedOn. */
  update(table: string, id: string, patch: Record<string, unknown>): Row {
    const row = this.get(table, id);
    if (!row) throw new Error(`No ${table} with id ${id}`);
    for (const [column, value] of Object.entries(patch)) if (value !== undefined) row[column] = value;
    row.updatedOn = new Date().toISOString();
    return row;
  }

  get(table: string, id: unknown): Row | undefined {
    return id === undefined || id === null ? undefined : this.table(table).get(String(id));
  }

  find(table: string, predicate: (row: Row) => boolean): Row | undefined {
    for (const row of this.table(table).values()) if (predicate(row)) return row;
    return undefined;
  }

  byRef(table: string, ref: unknown): Row | undefined {
    return this.find(table, (row) => row.ref === ref);
  }

  list(table: string, predicate: (row: Row) => boolean = () => true): Row[] {
    return [...this.table(table).values()].filter(predicate);
  }

  private table(name: string): Map<string, Row> {
    let table = this.tables.get(name);
    if (!table) this.tables.set(name, (table = new Map()));
    return table;
  }
}
