import { PermanentError } from '../core/errors.ts';
import type { AcceptResult, Job, JobQueue } from '../core/ports/job-queue.ts';
import type { Seller } from '../sellers/seller.ts';
import { cycleOf, lastEndedCycle } from './cycle.ts';
import { STATEMENT_REQUESTER, statementCycleEvent } from './cycle-event.ts';
import { runSellerCycle, type StatementDeps } from './run-cycle.ts';
import { findClosedCycle } from './statement-store.ts';

export { isStatementJob, STATEMENT_CYCLE_EVENT, statementCycleEvent } from './cycle-event.ts';

/**
 * Cycle runs on the durable queue. A seller's ended cycle becomes one job, committed into Folio's inbox
 * under an id derived from the account, seller and cycle: every process and every check asks for the
 * same job, and the inbox takes it once. The job closes the cycle and makes its documents; a retry
 * (a crash, Fluent down) picks up where the last attempt stopped (run-cycle.ts).
 */

/** Queues a seller's cycle run (a duplicate when it was queued before). */
export function queueStatementCycle(queue: Pick<JobQueue, 'accept'>, target: { accountId: string; retailerId: string }, sellerRef: string, cycleId: string): Promise<AcceptResult> {
  const event = statementCycleEvent(target, sellerRef, cycleId);
  return queue.accept({ key: `${event.accountId}|${event.id}`, event, rawBody: JSON.stringify(event), verifiedBy: STATEMENT_REQUESTER });
}

export interface JobLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/**
 * Runs a queued cycle. Bad data or configuration (a PermanentError: an unknown seller, a currency the
 * seller is not paid in) cannot get better by retrying: it is logged and audited, and the job ends.
 * Anything else is thrown, so the queue retries it with backoff.
 */
export async function handleStatementJob(deps: StatementDeps, sellers: () => Promise<readonly Seller[]>, job: Job, log: JobLog): Promise<void> {
  const { sellerRef, cycleId } = job.event.attributes as { sellerRef?: unknown; cycleId?: unknown };
  const fields = { eventId: job.event.id, seller: sellerRef, cycle: cycleId, attempt: job.attempt };
  try {
    if (typeof sellerRef !== 'string' || typeof cycleId !== 'string') throw new PermanentError('statement job without seller and cycle');
    const seller = (await sellers()).find((s) => s.ref === sellerRef);
    if (!seller) throw new PermanentError(`no seller ${sellerRef}`);
    const result = await runSellerCycle(deps, seller, cycleOf(seller.billingCycle, cycleId), { dryRun: false });
    log.info({ ...fields, outcome: result.outcome, payoutMinor: result.payout.payoutMinor, documents: result.documents.map((d) => d.number) }, 'seller cycle closed');
  } catch (error) {
    if (!(error instanceof PermanentError)) throw error;
    await deps.audit.record({ step: 'failed', entityRef: job.event.entityRef ?? String(sellerRef), tenant: `${deps.target.accountId}:${deps.target.retailerId}`, details: { eventId: job.event.id, reason: error.message } });
    log.warn({ ...fields, reason: error.message }, 'seller cycle failed');
  }
}

/**
 * The schedule: every `intervalMs` (the first check sooner, at most a minute after start), each
 * seller's last ended cycle is queued unless it is closed already. Stopped with the connector.
 */
export function startStatementScheduler(options: {
  intervalMs: number;
  deps: Pick<StatementDeps, 'db' | 'target'>;
  queue: Pick<JobQueue, 'accept'>;
  sellers: () => Promise<readonly Seller[]>;
  log: JobLog;
  now?: () => Date;
}): { check(): Promise<number>; stop(): void } {
  const now = options.now ?? (() => new Date());
  let running: Promise<number> | undefined;
  const check = async (): Promise<number> => {
    let queued = 0;
    for (const seller of await options.sellers()) {
      const cycle = lastEndedCycle(seller.billingCycle, now());
      if (await findClosedCycle(options.deps.db, options.deps.target.accountId, seller.ref, cycle.id)) continue;
      const result = await queueStatementCycle(options.queue, options.deps.target, seller.ref, cycle.id);
      if (result.status === 'accepted') queued += 1;
    }
    return queued;
  };
  const tick = () => {
    running ??= check()
      .catch((error: unknown) => {
        options.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'statement schedule check failed');
        return 0;
      })
      .finally(() => (running = undefined));
  };
  const first = setTimeout(tick, Math.min(options.intervalMs, 60_000));
  const every = setInterval(tick, options.intervalMs);
  first.unref();
  every.unref();
  return {
    check,
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
