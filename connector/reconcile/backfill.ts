import type { Queryable } from '../db/database.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { STATUS } from '../fluent/contract.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import type { BillingEntity, ReconciledEntityType } from './billing-entity.ts';
import { searchBillingEntities } from './fluent-entities.ts';
import { entityKey, folioStateOf, type FolioStateOptions } from './folio-state.ts';
import { commitRequest } from './request-document.ts';

/**
 * Statuses Folio's FolioDocumentGenerated and FolioDocumentFailed rulesets trigger from
 * (workflows/BILLING_ACCOUNT-CUSTOMER.json; test/reconcile/backfill-statuses.test.ts keeps them equal):
 * only from these does a document's result land on the entity. CREATED is there for backfill: an
 * entity made before Folio was installed never left it.
 */
export const RESULT_LANDS_FROM: readonly string[] = ['CREATED', STATUS.requested, STATUS.failed, STATUS.generated];

export type BackfillOutcome = 'requested' | 'would-request' | 'already-documented' | 'already-requested' | 'skipped';

export interface BackfillItem {
  entity: BillingEntity;
  outcome: BackfillOutcome;
  /** Why it was skipped. */
  reason?: string;
}

export interface BackfillSummary {
  found: number;
  requested: number;
  skipped: number;
  alreadyDocumented: number;
  alreadyRequested: number;
  /** --dry-run: what would have been requested (requested stays 0). */
  wouldRequest: number;
  dryRun: boolean;
}

export interface BackfillDeps {
  fluent: FluentClient;
  db: Queryable;
  queue: Pick<JobQueue, 'accept'>;
  pace: () => Promise<void>;
}

export interface BackfillOptions extends FolioStateOptions {
  /** ISO timestamp: entities created at or after it. */
  since: string;
  entityTypes: readonly ReconciledEntityType[];
  dryRun: boolean;
}

export interface BackfillProgress {
  /** Listing Fluent's entities (total not known yet), then requesting (total known). */
  phase: 'listing' | 'requesting';
  done: number;
  total: number;
  summary: BackfillSummary;
}

/**
 * Finds the entities created since a date that have no Folio document, and requests each through the
 * sweep's request core (request-document.ts), in pages and at the pacer's rate. Idempotent: an entity
 * with a document or any request in Folio's inbox (a webhook, a sweep, an earlier backfill, finished
 * or not) is not requested again.
 */
export async function runBackfill(deps: BackfillDeps, options: BackfillOptions, onProgress: (progress: BackfillProgress, item?: BackfillItem) => void = () => {}): Promise<BackfillSummary> {
  const summary: BackfillSummary = { found: 0, requested: 0, skipped: 0, alreadyDocumented: 0, alreadyRequested: 0, wouldRequest: 0, dryRun: options.dryRun };
  const entities: BillingEntity[] = [];
  for (const entityType of options.entityTypes) {
    for await (const page of searchBillingEntities(deps.fluent, entityType, options.retailerId, { createdOn: { from: options.since } })) {
      entities.push(...page);
      summary.found = entities.length;
      onProgress({ phase: 'listing', done: entities.length, total: 0, summary });
    }
  }

  let done = 0;
  for (let i = 0; i < entities.length; i += 100) {
    const chunk = entities.slice(i, i + 100);
    const known = await folioStateOf(deps.db, options, chunk);
    for (const entity of chunk) {
      const item = await decide(deps, options, entity, known.get(entityKey(entity))!);
      summary[COUNTER[item.outcome]]++;
      onProgress({ phase: 'requesting', done: ++done, total: entities.length, summary }, item);
    }
  }
  return summary;
}

const COUNTER = {
  requested: 'requested',
  'would-request': 'wouldRequest',
  'already-documented': 'alreadyDocumented',
  'already-requested': 'alreadyRequested',
  skipped: 'skipped',
} as const satisfies Record<BackfillOutcome, keyof BackfillSummary>;

async function decide(deps: BackfillDeps, options: BackfillOptions, entity: BillingEntity, state: { document?: string; requests: string[] }): Promise<BackfillItem> {
  if (state.document || entity.documentNumber) return { entity, outcome: 'already-documented' };
  if (state.requests.length > 0) return { entity, outcome: 'already-requested' };
  if (!RESULT_LANDS_FROM.includes(entity.status))
    return { entity, outcome: 'skipped', reason: `status ${entity.status}: Folio's FolioDocumentGenerated ruleset does not trigger from it, so the links would not land` };
  if (options.dryRun) return { entity, outcome: 'would-request' };
  await deps.pace();
  const result = await commitRequest(deps.queue, options, entity, 'folio-backfill');
  return { entity, outcome: result.status === 'accepted' ? 'requested' : 'already-requested' };
}
