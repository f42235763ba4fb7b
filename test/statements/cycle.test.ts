import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../connector/core/errors.ts';
import { billingCycleSchema } from '../../connector/sellers/seller.ts';
import { cycleAfter, cycleContaining, cycleOf, lastEndedCycle } from '../../connector/statements/cycle.ts';

const monthly = billingCycleSchema.parse({ frequency: 'monthly', timeZone: 'Europe/Berlin' });
const weekly = billingCycleSchema.parse({ frequency: 'weekly', timeZone: 'America/New_York', cutOffHour: 6 });
const biweekly = billingCycleSchema.parse({ frequency: 'biweekly', timeZone: 'Europe/Istanbul', anchor: '2026-01-05' });
const iso = (d: Date) => d.toISOString();

describe('billing cycles', () => {
  it('starts a month at local midnight in its zone, across summer time', () => {
    const march = cycleOf(monthly, '2026-03');
    expect([iso(march.start), iso(march.end)]).toEqual(['2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    const december = cycleOf(monthly, '2026-12');
    expect(iso(december.end)).toBe('2026-12-31T23:00:00.000Z');
    expect(cycleAfter(monthly, december).id).toBe('2027-01');
  });

  it('puts an instant in the cycle whose local dates hold it', () => {
    expect(cycleContaining(monthly, new Date('2026-02-28T23:30:00Z')).id).toBe('2026-03');
    expect(cycleContaining(monthly, new Date('2026-02-28T22:59:59.999Z')).id).toBe('2026-02');
  });

  it('runs weeks Monday to Monday from the cut-off hour, named by ISO week', () => {
    const week = cycleOf(weekly, '2026-W01');
    expect([iso(week.start), iso(week.end)]).toEqual(['2025-12-29T11:00:00.000Z', '2026-01-05T11:00:00.000Z']);
    // Monday 05:59 in New York is still the week before: the cut-off is 06:00.
    expect(cycleContaining(weekly, new Date('2026-01-05T10:59:00Z')).id).toBe('2026-W01');
    expect(cycleContaining(weekly, new Date('2026-01-05T11:00:00Z')).id).toBe('2026-W02');
    expect(cycleOf(weekly, '2026-W53').id).toBe('2026-W53');
    expect(() => cycleOf(weekly, '2025-W53')).toThrow(/has no week 53/);
  });

  it('counts fortnights from the anchor Monday and refuses a week that starts none', () => {
    // Monday 5 January 2026 starts ISO week 2: fortnights start in weeks 2, 4, 6 …
    const fortnight = cycleOf(biweekly, '2026-W04');
    expect(iso(fortnight.start)).toBe('2026-01-18T21:00:00.000Z');
    expect(fortnight.end.getTime() - fortnight.start.getTime()).toBe(14 * 86_400_000);
    expect(cycleContaining(biweekly, new Date('2026-01-27T12:00:00Z')).id).toBe('2026-W04');
    expect(() => cycleOf(biweekly, '2026-W03')).toThrow(/does not start a fortnight counted from 2026-01-05/);
  });

  it('refuses ids of another frequency, by name', () => {
    expect(() => cycleOf(monthly, '2026-W10')).toThrow(PermanentError);
    expect(() => cycleOf(weekly, '2026-11')).toThrow(/not an ISO week/);
    expect(() => cycleOf(monthly, '2026-13')).toThrow(/not a month/);
  });

  it('knows the last cycle that has ended', () => {
    expect(lastEndedCycle(monthly, new Date('2026-12-06T08:00:00Z')).id).toBe('2026-11');
    expect(lastEndedCycle(monthly, new Date('2026-11-30T23:00:00Z')).id).toBe('2026-11');
  });
});
