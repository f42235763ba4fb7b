import { PermanentError } from '../core/errors.ts';
import type { BillingCycle } from '../sellers/seller.ts';

/**
 * Billing cycles. A cycle is a half-open interval [start, end) of instants; it starts at the cut-off
 * hour, local time in the cycle's zone, on the 1st of a month (monthly) or on a Monday (weekly, and
 * biweekly counted in fortnights from the anchor Monday). Ids name them: `2026-11` for a month,
 * `2026-W45` for the ISO week a weekly or biweekly cycle starts in. Local times are turned into
 * instants through Intl, so summer time is honoured: a cycle may be 23 or 25 hours longer or shorter.
 */
export interface Cycle {
  id: string;
  start: Date;
  end: Date;
}

const MONTH_ID = /^(\d{4})-(0[1-9]|1[0-2])$/;
const WEEK_ID = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;
const DAY_MS = 86_400_000;

/** The cycle an id names, checked against the frequency (a biweekly id must start a fortnight). */
export function cycleOf(billing: BillingCycle, id: string): Cycle {
  const day = firstDayOf(billing, id);
  const next = billing.frequency === 'monthly' ? addMonths(day, 1) : addDays(day, billing.frequency === 'weekly' ? 7 : 14);
  return { id, start: localInstant(day, billing.cutOffHour, billing.timeZone), end: localInstant(next, billing.cutOffHour, billing.timeZone) };
}

/** The cycle an instant falls in. */
export function cycleContaining(billing: BillingCycle, at: Date): Cycle {
  // The local calendar day of the instant, moved back a day when before the cut-off hour.
  const local = localParts(at, billing.timeZone);
  let day: CivilDay = { year: local.year, month: local.month, day: local.day };
  if (local.hour < billing.cutOffHour) day = addDays(day, -1);
  let start: CivilDay;
  if (billing.frequency === 'monthly') start = { year: day.year, month: day.month, day: 1 };
  else {
    const monday = addDays(day, -((weekday(day) + 6) % 7));
    start = billing.frequency === 'weekly' ? monday : addDays(monday, -(mod(daysBetween(anchorOf(billing), monday), 14)));
  }
  return cycleOf(billing, idOf(billing, start));
}

/** The cycle after (+1) or before (−1) this one. */
export function cycleAfter(billing: BillingCycle, cycle: Cycle, step: 1 | -1 = 1): Cycle {
  return step === 1 ? cycleContaining(billing, cycle.end) : cycleContaining(billing, new Date(cycle.start.getTime() - 1));
}

/** The last cycle that has ended by `now` (the one a scheduled run closes). */
export function lastEndedCycle(billing: BillingCycle, now: Date): Cycle {
  return cycleAfter(billing, cycleContaining(billing, now), -1);
}

interface CivilDay {
  year: number;
  month: number;
  day: number;
}

function firstDayOf(billing: BillingCycle, id: string): CivilDay {
  if (billing.frequency === 'monthly') {
    const match = MONTH_ID.exec(id);
    if (!match) throw new PermanentError(`cycle "${id}" is not a month such as 2026-11 (the seller's cycle is monthly)`);
    return { year: Number(match[1]), month: Number(match[2]), day: 1 };
  }
  const match = WEEK_ID.exec(id);
  if (!match) throw new PermanentError(`cycle "${id}" is not an ISO week such as 2026-W45 (the seller's cycle is ${billing.frequency})`);
  const monday = isoWeekMonday(Number(match[1]), Number(match[2]));
  if (idOf({ ...billing, frequency: 'weekly' }, monday) !== id) throw new PermanentError(`cycle "${id}": ${match[1]} has no week ${match[2]}`);
  if (billing.frequency === 'biweekly' && mod(daysBetween(anchorOf(billing), monday), 14) !== 0) {
    throw new PermanentError(`cycle "${id}" does not start a fortnight counted from ${billing.anchor}: use the week before or after`);
  }
  return monday;
}

function idOf(billing: BillingCycle, start: CivilDay): string {
  if (billing.frequency === 'monthly') return `${start.year}-${String(start.month).padStart(2, '0')}`;
  const { year, week } = isoWeek(start);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function anchorOf(billing: BillingCycle): CivilDay {
  const [year, month, day] = billing.anchor.split('-').map(Number) as [number, number, number];
  const anchor = { year, month, day };
  if (weekday(anchor) !== 1) throw new PermanentError(`biweekly anchor ${billing.anchor} is not a Monday`);
  return anchor;
}

const toUtcMs = (d: CivilDay) => Date.UTC(d.year, d.month - 1, d.day);
const fromUtcMs = (ms: number): CivilDay => {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};
const addDays = (d: CivilDay, days: number) => fromUtcMs(toUtcMs(d) + days * DAY_MS);
const addMonths = (d: CivilDay, months: number) => fromUtcMs(Date.UTC(d.year, d.month - 1 + months, d.day));
const daysBetween = (a: CivilDay, b: CivilDay) => Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
/** 0 = Sunday … 6 = Saturday. */
const weekday = (d: CivilDay) => new Date(toUtcMs(d)).getUTCDay();
const mod = (a: number, n: number) => ((a % n) + n) % n;

function isoWeekMonday(year: number, week: number): CivilDay {
  // ISO week 1 holds 4 January.
  const jan4 = { year, month: 1, day: 4 };
  return addDays(addDays(jan4, -((weekday(jan4) + 6) % 7)), (week - 1) * 7);
}

function isoWeek(d: CivilDay): { year: number; week: number } {
  const thursday = addDays(d, 3 - ((weekday(d) + 6) % 7));
  const week1 = isoWeekMonday(thursday.year, 1);
  return { year: thursday.year, week: Math.floor(daysBetween(week1, thursday) / 7) + 1 };
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

function localParts(at: Date, timeZone: string): CivilDay & { hour: number; minute: number; second: number } {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    partFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/**
 * The instant at which the local clock in `timeZone` shows `hour`:00 on `day`. When the clock skips
 * that hour (spring forward), the first instant after the gap; fall-back repeats take the first.
 */
function localInstant(day: CivilDay, hour: number, timeZone: string): Date {
  const wanted = Date.UTC(day.year, day.month - 1, day.day, hour);
  const offsetAt = (ms: number) => {
    const p = localParts(new Date(ms), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
  };
  // Two rounds settle the offset, the second around a change of offset.
  let guess = wanted - offsetAt(wanted);
  guess = wanted - offsetAt(guess);
  const earlier = wanted - offsetAt(guess - 3_600_000);
  if (earlier < guess && wanted - offsetAt(earlier) === earlier) return new Date(earlier);
  return new Date(guess);
}
