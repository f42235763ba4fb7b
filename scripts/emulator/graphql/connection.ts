import type { Row } from '../store.ts';
import { matchesArgs } from './filter.ts';

/**
 * INFERRED: Fluent's page size when neither `first` nor `last` is given. Kept small on purpose so a
 * client that forgets to page fails here, in the emulator, rather than only on big real entities.
 */
export const DEFAULT_PAGE_SIZE = 10;

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean };
}

/** Opaque cursors, like Fluent's; they name the row's id so paging stays stable while rows are added. */
const cursorOf = (row: Row): string => Buffer.from(`cursor:${row.id}`).toString('base64');

function indexOfCursor(rows: Row[], cursor: unknown): number {
  if (typeof cursor !== 'string') return -1;
  const id = Buffer.from(cursor, 'base64').toString('utf8').replace(/^cursor:/, '');
  return rows.findIndex((row) => row.id === id);
}

/** Filters rows by the field's arguments and pages them Relay-style (first/after, last/before). */
export function connection(rows: Row[], args: Record<string, unknown>): Connection<Row> {
  const all = rows.filter((row) => matchesArgs(row, args));
  let start = 0;
  let end = all.length;
  const after = indexOfCursor(all, args.after);
  if (after >= 0) start = after + 1;
  const before = indexOfCursor(all, args.before);
  if (before >= 0) end = before;
  if (typeof args.last === 'number' && typeof args.first !== 'number') start = Math.max(start, end - args.last);
  else end = Math.min(end, start + (typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE));
  return {
    edges: all.slice(start, end).map((node) => ({ node, cursor: cursorOf(node) })),
    pageInfo: { hasPreviousPage: start > 0, hasNextPage: end < all.length },
  };
}
