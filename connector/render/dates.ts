import { PermanentError } from '../core/errors.ts';

// Building a DateTimeFormat is far dearer than using one; a document uses one locale and zone throughout.
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Formats an ISO 8601 date-time with offset as a calendar date in the document's time zone and locale.
 * The zone matters: 2026-12-31T23:30:00Z is already 1 January in Berlin, and the legal issue date is local.
 */
export function formatDate(isoDateTime: string, locale: string, timeZone: string): string {
  const instant = new Date(isoDateTime);
  if (Number.isNaN(instant.getTime())) throw new PermanentError(`Not a date-time: ${JSON.stringify(isoDateTime)}`);
  const key = `${locale}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
    formats.set(key, format);
  }
  return format.format(instant);
}
