import { PermanentError } from '../core/errors.ts';

/**
 * Fluent DateTime to ISO 8601 with an explicit offset. Fluent normally sends UTC with "Z"; a value
 * without an offset is taken as UTC because Fluent stores and serves timestamps in UTC, and a
 * guessed local zone would move the date across midnight. A bare date is midnight UTC.
 */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/i;

export function zonedIso(value: string | null | undefined, what: string): string {
  const match = DATE_TIME.exec((value ?? '').trim());
  if (!match) throw new PermanentError(`${what}: not a date-time: ${value ?? '(none)'}`);
  const [, date, time = '00:00:00', offset = 'Z'] = match;
  const seconds = time.length === 5 ? `${time}:00` : time;
  const normalisedOffset = offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const iso = `${date}T${seconds}${normalisedOffset}`;
  if (Number.isNaN(Date.parse(iso))) throw new PermanentError(`${what}: not a valid date-time: ${value}`);
  return iso;
}

export function optionalZonedIso(value: string | null | undefined, what: string): string | undefined {
  return value == null || value.trim() === '' ? undefined : zonedIso(value, what);
}
