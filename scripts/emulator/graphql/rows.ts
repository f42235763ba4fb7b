import type { EntityStore, Row } from '../store.ts';
import { upsertAttributes } from './attributes.ts';
import type { Input } from './context.ts';

/** Lookups and writes shared by the mutation resolvers; errors here become GraphQL error messages. */

export function required(row: Row | undefined, what: string): Row {
  if (!row) throw new Error(`${what} not found`);
  return row;
}

export function requireRetailer(store: EntityStore, retailer: Input | undefined): Row {
  return required(store.get('Retailer', retailer?.id), `Retailer ${retailer?.id}`);
}

export function assertUnique(existing: Row | undefined, what: string): void {
  if (existing) throw new Error(`${what} already exists`);
}

/** Input fields to store as columns: everything but the named keys; link inputs already have the output link shape. */
export function columnsFrom(input: Input, omit: readonly string[] = []): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!omit.includes(key) && value !== undefined) columns[key] = value;
  if ('attributes' in columns) columns.attributes = upsertAttributes([], input.attributes);
  return columns;
}

/** Applies an update*Input: plain fields replace, attributes upsert by name, item lists are left to the caller. */
export function applyUpdate(store: EntityStore, table: string, row: Row, input: Input, omit: readonly string[]): Row {
  const patch = columnsFrom(input, omit);
  if (input.attributes) patch.attributes = upsertAttributes(row.attributes, input.attributes);
  return store.update(table, row.id, patch);
}

/** Updates child rows (items) named by `key` within their parent; an unknown key is an error, like Fluent. */
export function updateChildren(store: EntityStore, table: string, children: Row[], updates: Input[] | undefined, key: 'ref' | 'id'): void {
  for (const update of updates ?? []) {
    if (update[key] === undefined || update[key] === null) throw new Error(`${table} update needs ${key}`);
    const child = required(children.find((c) => String(c[key]) === String(update[key])), `${table} ${key} ${update[key]}`);
    applyUpdate(store, table, child, update, [key]);
  }
}

/** Inserts child rows under a parent, refusing duplicate refs within the parent. */
export function insertChildren(
  store: EntityStore,
  table: string,
  parent: Record<string, string>,
  items: readonly Input[] | undefined,
  options: { omit?: readonly string[]; extra?: (item: Input) => Record<string, unknown> } = {},
): void {
  const refs = new Set<string>();
  for (const item of items ?? []) {
    if (item.ref !== undefined) {
      if (refs.has(item.ref)) throw new Error(`${table} ref ${item.ref} appears twice`);
      refs.add(item.ref);
    }
    store.insert(table, { ...columnsFrom(item, options.omit), ...options.extra?.(item), ...parent });
  }
}
