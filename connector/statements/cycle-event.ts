import { createHash } from 'node:crypto';
import { fluentEventSchema, type FluentEvent } from '../fluent/event-model.ts';

/**
 * A seller's cycle as an event: the durable queue's job payload, and what the e-invoice issuer is
 * told the commission invoice was made for. Its id comes from account, seller and cycle alone.
 */
export const STATEMENT_CYCLE_EVENT = 'FolioStatementCycleDue';
export const STATEMENT_REQUESTER = 'folio-statements';

export function statementCycleEvent(target: { accountId: string; retailerId: string }, sellerRef: string, cycleId: string): FluentEvent {
  const digest = createHash('sha256').update(`${target.accountId}|${sellerRef}|${cycleId}`).digest('hex').slice(0, 32);
  return fluentEventSchema.parse({
    id: `folio-statement-${digest}`,
    name: STATEMENT_CYCLE_EVENT,
    accountId: target.accountId,
    retailerId: target.retailerId,
    entityType: 'SELLER',
    entityRef: `${sellerRef}@${cycleId}`,
    type: 'NORMAL',
    source: STATEMENT_REQUESTER,
    attributes: { sellerRef, cycleId },
  });
}

export function isStatementJob(event: FluentEvent): boolean {
  return event.name === STATEMENT_CYCLE_EVENT && event.source === STATEMENT_REQUESTER;
}

