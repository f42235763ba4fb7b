import { afterEach, expect, it } from 'vitest';
import { createAuditTrail } from '../../connector/audit/audit-trail.ts';
import type { JobQueue } from '../../connector/core/ports/job-queue.ts';
import { createJobQueue } from '../../connector/queue/create-job-queue.ts';
import { eventFromInbox } from '../../connector/queue/inbox.ts';
import { statementOf } from '../../connector/statements/ledger.ts';
import { handleStatementJob, isStatementJob, startStatementScheduler, statementCycleEvent } from '../../connector/statements/statement-job.ts';
import type { StatementDeps } from '../../connector/statements/run-cycle.ts';
import { closeCycle, countedKeys } from '../../connector/statements/statement-store.ts';
import { cycleOf } from '../../connector/statements/cycle.ts';
import { freshPgliteDatabase } from '../support/databases.ts';
import { SELLERS, sampleActivities } from './fixtures.ts';

/**
 * The schedule on a real queue (PGlite): each seller's last ended cycle is queued once, whatever the
 * number of checks, and not at all once closed. A job naming an unknown seller ends with an audited
 * failure instead of being retried for ever.
 */
const target = { accountId: 'ACME', retailerId: '1' };
const log = { info: () => {}, warn: () => {} };
let queue: JobQueue | undefined;
afterEach(async () => {
  await queue?.stop();
  queue = undefined;
});

it('queues each seller\'s last ended cycle once, and none that is closed', async () => {
  const { db } = await freshPgliteDatabase();
  queue = createJobQueue(db, { onError: () => {} });
  await queue.start();
  const [berlin, dublin] = SELLERS;
  const november = cycleOf(dublin!.billingCycle, '2026-11');
  const { entries, payout } = statementOf(dublin!, november, sampleActivities('D'), await countedKeys(db, 'ACME', dublin!.ref));
  await closeCycle(db, { ...target, seller: dublin!, cycle: november, entries, payout, vatStatus: 'standard', standardRateBp: 2300, withInvoice: true, country: 'IE' });

  const schedule = startStatementScheduler({ intervalMs: 3_600_000, deps: { db, target }, queue, sellers: async () => [berlin!, dublin!], log, now: () => new Date('2026-12-06T08:00:00Z') });
  try {
    expect(await schedule.check()).toBe(1);
    expect(await schedule.check()).toBe(0);
  } finally {
    schedule.stop();
  }
  const { rows } = await db.query<{ key: string }>('SELECT key FROM folio_inbox');
  expect(rows).toHaveLength(1);
  const event = await eventFromInbox(db, rows[0]!.key);
  expect(isStatementJob(event)).toBe(true);
  expect(event).toMatchObject({ entityType: 'SELLER', entityRef: `${berlin!.ref}@2026-11`, attributes: { sellerRef: berlin!.ref, cycleId: '2026-11' } });
  expect(statementCycleEvent(target, berlin!.ref, '2026-11').id).toBe(event.id);
});

it('ends a job for an unknown seller with an audited failure, not retries', async () => {
  const { db } = await freshPgliteDatabase();
  const audit = createAuditTrail(db);
  const deps = { db, audit, target } as unknown as StatementDeps;
  const event = statementCycleEvent(target, 'S-GONE', '2026-11');
  await handleStatementJob(deps, async () => SELLERS, { id: '1', key: 'k', event, attempt: 1, maxAttempts: 5 }, log);
  const trail = await audit.list('S-GONE@2026-11');
  expect(trail.map((e) => [e.step, e.details.reason])).toEqual([['failed', 'no seller S-GONE']]);
});
