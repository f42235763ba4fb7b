import { DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT } from '../../connector/fluent/contract.ts';
import type { Emulator } from '../emulator/index.ts';

/**
 * What came back to Fluent, counted on the emulator's side: events the connector posted, per entity.
 * These are the figures the exactly-once checks are about.
 */
export function eventsBack(emulator: Emulator, name: string = DOCUMENT_GENERATED_EVENT): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of emulator.events()) {
    if (event.name !== name || event.type !== 'ORCHESTRATION') continue;
    const ref = String(event.context.entityRef ?? event.context.entityId);
    counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  return counts;
}

export const failuresBack = (emulator: Emulator) => eventsBack(emulator, DOCUMENT_FAILED_EVENT);

/** Invoices by workflow status, straight from the emulator's store (no GraphQL: that may be faulted). */
export function invoiceStatuses(emulator: Emulator, refs: readonly string[]): Map<string, string> {
  const statuses = new Map<string, string>();
  for (const ref of refs) statuses.set(ref, String(emulator.store.byRef('Invoice', ref)?.status ?? 'MISSING'));
  return statuses;
}
