import type { Queryable } from '../db/database.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { STATUS } from '../fluent/contract.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import { RECONCILED_ENTITY_TYPES, type BillingEntity } from './billing-entity.ts';
import { searchBillingEntities } from './fluent-entities.ts';
import { entityKey, folioStateOf, type FolioStateOptions } from './folio-state.ts';
import { commitRequest, requestEventId } from './request-document.ts';

/** What the sweep did about one entity Fluent shows DOCUMENT_REQUESTED for longer than the grace. */
export interface StaleFinding {
  entityType: string;
  ref: string;
  updatedOn?: string;
  /**
   * requested: Folio asked for the document itself now; in-progress: a request of it is queued or
   * running in Folio; already-requested: Folio asked for this very state before (the answer is on its way).
   */
  action: 'requested' | 'in-progress' | 'already-requested';
}

export interface SweepReport {
  startedAt: string;
  finishedAt: string;
  /** Entities in DOCUMENT_REQUESTED for longer than the grace: the folio_stale_requests gauge. */
  stale: number;
  requested: number;
  findings: StaleFinding[];
}

export interface SweepDeps {
  fluent: FluentClient;
  db: Queryable;
  queue: Pick<JobQueue, 'accept'>;
  /** Waits for the rate limit's next slot (rate-limit.ts). */
  pace: () => Promise<void>;
  now?: () => Date;
}

export interface SweepOptions extends FolioStateOptions {
  graceMs: number;
  /** Most stale entities one sweep lists (the rest wait for the next sweep). */
  maxFindings?: number;
}

/**
 * One reconciliation sweep. It asks Fluent for entities still DOCUMENT_REQUESTED whose last change is
 * older than the grace (Fluent gives a webhook up after about 14 s of retries), and for each one with
 * no request of it under way in Folio, commits the request Fluent's webhook would have brought.
 *
 * All stale entities are listed before any is requested: requesting changes their status, which
 * would move a paged search's window under its cursor.
 */
export async function runSweep(deps: SweepDeps, options: SweepOptions): Promise<SweepReport> {
  const startedAt = (deps.now ?? (() => new Date()))();
  const cutoff = new Date(startedAt.getTime() - options.graceMs).toISOString();
  const max = options.maxFindings ?? 10_000;
  const stale: BillingEntity[] = [];
  for (const entityType of RECONCILED_ENTITY_TYPES) {
    for await (const page of searchBillingEntities(deps.fluent, entityType, options.retailerId, { statuses: [STATUS.requested], updatedOn: { to: cutoff } })) {
      stale.push(...page);
      if (stale.length >= max) break;
    }
  }

  const findings: StaleFinding[] = [];
  for (let i = 0; i < stale.length; i += 100) {
    const chunk = stale.slice(i, i + 100);
    const known = await folioStateOf(deps.db, options, chunk);
    for (const entity of chunk) {
      const state = known.get(entityKey(entity))!;
      const finding = { entityType: entity.entityType, ref: entity.ref, ...(entity.updatedOn && { updatedOn: entity.updatedOn }) };
      if (state.pending) findings.push({ ...finding, action: 'in-progress' });
      else if (state.requests.includes(`${options.accountId}|${requestEventId(options.accountId, entity)}`)) findings.push({ ...finding, action: 'already-requested' });
      else {
        await deps.pace();
        const result = await commitRequest(deps.queue, options, entity, 'folio-sweep');
        findings.push({ ...finding, action: result.status === 'accepted' ? 'requested' : 'already-requested' });
      }
    }
  }
  return {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    stale: stale.length,
    requested: findings.filter((f) => f.action === 'requested').length,
    findings,
  };
}
