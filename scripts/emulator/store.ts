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
  /**
   * Rows by the value of one column (table → column → value → rows in table order), built on first use
   * and kept up to date by insert and update. Look-ups by ref and by parent id scanned the table before,
   * which made a burst of 500 invoices quadratic in the emulator (issue 15: the stand-in must not
   * distort the figures).
   */
  private readonly indexes = new Map<string, Map<string, Map<unknown, Row[]>>>();
  /** Where each row stands in its table's order (a replaced row keeps its id's place, as a Map does). */
  private readonly positions = new WeakMap<Row, number>();
  private inserted = 0;

  /** Adds a row; `fixedId` is for rows that exist before anything is created (the retailer). */
  insert(table: string, columns: Record<string, unknown>, fixedId?: string): Row {
    const id = fixedId ?? String((this.sequences.get(table) ?? 0) + 1);
    if (Number(id) > (this.sequences.get(table) ?? 0)) this.sequences.set(table, Number(id));
    const now = new Date().toISOString();
    const row: Row = { ...columns, id, createdOn: now, updatedOn: now };
    const replaced = this.table(table).get(id);
    this.positions.set(row, replaced ? this.positions.get(replaced)! : this.inserted++);
    this.table(table).set(id, row);
    for (const [column, index] of this.indexes.get(table) ?? []) {
      if (replaced) unindex(index, replaced[column], replaced);
      this.indexRow(index, row[column], row);
    }
    return row;
  }

  /** Applies a patch (undefined values are ignored, null clears) and bumps updatedOn. */
  update(table: string, id: string, patch: Record<string, unknown>): Row {
    const row = this.get(table, id);
    if (!row) throw new Error(`No ${table} with id ${id}`);
    const indexes = this.indexes.get(table);
    for (const [column, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      const index = indexes?.get(column);
      if (index && row[column] !== value) {
        unindex(index, row[column], row);
        this.indexRow(index, value, row);
      }
      row[column] = value;
    }
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

  /** The first row (in table order) with this ref. */
  byRef(table: string, ref: unknown): Row | undefined {
    return this.index(table, 'ref').get(ref)?.[0];
  }

  list(table: string, predicate: (row: Row) => boolean = () => true): Row[] {
    return [...this.table(table).values()].filter(predicate);
  }

  /** The rows whose `column` is `value`, in table order: list(table, (row) => row[column] === value), indexed. */
  listBy(table: string, column: string, value: unknown): Row[] {
    return [...(this.index(table, column).get(value) ?? [])];
  }

  private index(table: string, column: string): Map<unknown, Row[]> {
    let byColumn = this.indexes.get(table);
    if (!byColumn) this.indexes.set(table, (byColumn = new Map()));
    let index = byColumn.get(column);
    if (!index) {
      byColumn.set(column, (index = new Map()));
      for (const row of this.table(table).values()) this.indexRow(index, row[column], row);
    }
    return index;
  }

  /** Files a row under a value, keeping each value's rows in table order. */
  private indexRow(index: Map<unknown, Row[]>, value: unknown, row: Row): void {
    const rows = index.get(value);
    if (!rows) return void index.set(value, [row]);
    const position = this.positions.get(row)!;
    let at = rows.length;
    while (at > 0 && this.positions.get(rows[at - 1]!)! > position) at--;
    rows.splice(at, 0, row);
  }

  private table(name: string): Map<string, Row> {
    let table = this.tables.get(name);
    if (!table) this.tables.set(name, (table = new Map()));
    return table;
  }
}

function unindex(index: Map<unknown, Row[]>, value: unknown, row: Row): void {
  const rows = index.get(value);
  const at = rows?.indexOf(row) ?? -1;
  if (at < 0) return;
  rows!.splice(at, 1);
  if (rows!.length === 0) index.delete(value);
}
