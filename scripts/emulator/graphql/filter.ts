import type { Row } from '../store.ts';

/** Connection arguments that page rather than filter. */
const PAGING_ARGS = new Set(['first', 'last', 'before', 'after']);

/**
 * Fluent's list filters, generically: a list argument matches any of its values, a DateRange bounds a
 * timestamp, and a link input (`{ref, retailer: {id}}`) must agree field by field with the stored link,
 * which has the same shape as the input. Ids compare as strings because GraphQL ids are strings.
 */
export function matchesArgs(row: Row, args: Record<string, unknown>): boolean {
  return Object.entries(args).every(([name, wanted]) => PAGING_ARGS.has(name) || matches(row[name], wanted));
}

function matches(actual: unknown, wanted: unknown): boolean {
  if (wanted === undefined || wanted === null) return true;
  if (Array.isArray(wanted)) return wanted.length === 0 || wanted.some((one) => matches(actual, one));
  if (typeof wanted === 'object') {
    const record = wanted as Record<string, unknown>;
    if (isDateRange(record)) return typeof actual === 'string' && inRange(actual, record);
    if (typeof actual !== 'object' || actual === null) return false;
    return Object.entries(record).every(([key, value]) => matches((actual as Record<string, unknown>)[key], value));
  }
  return actual !== undefined && actual !== null && String(actual) === String(wanted);
}

function isDateRange(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key === 'from' || key === 'to');
}

function inRange(timestamp: string, range: Record<string, unknown>): boolean {
  const at = Date.parse(timestamp);
  if (typeof range.from === 'string' && at < Date.parse(range.from)) return false;
  if (typeof range.to === 'string' && at > Date.parse(range.to)) return false;
  return true;
}
