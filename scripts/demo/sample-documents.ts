import { ATTRIBUTE, DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT } from '../../connector/fluent/contract.ts';
import type { Emulator } from '../emulator/index.ts';
import { ENTITY_TABLES } from '../emulator/workflow/entities.ts';
import { waitFor } from './wait-for.ts';

/**
 * What the connector reported back to Fluent about an entity's document: its FolioDocumentGenerated or
 * FolioDocumentFailed event as the emulator received it. Every entity type gets one, including those
 * Fluent cannot store attributes on (financial transactions), so demo and tests wait on these.
 */
export interface EntityKey {
  entityType: string;
  entityId?: string;
  entityRef?: string;
}

export interface DocumentReply {
  outcome: 'generated' | 'failed';
  documentType?: string;
  number?: string;
  /** Local path of the stored PDF (local file store). */
  pdfPath?: string;
  failureReason?: string;
  attributes: Record<string, unknown>;
}

const sameEntity = (context: EntityKey, key: EntityKey) =>
  context.entityType === key.entityType && (key.entityId !== undefined ? context.entityId === key.entityId : context.entityRef === key.entityRef);

/** The first report for the entity (of `documentType` when given; a failure carries no type). */
export function documentReply(emulator: Emulator, key: EntityKey, documentType?: string): DocumentReply | undefined {
  for (const event of emulator.events()) {
    if (event.type !== 'ORCHESTRATION' || !sameEntity(event.context, key)) continue;
    const a = event.attributes;
    if (event.name === DOCUMENT_FAILED_EVENT) return { outcome: 'failed', failureReason: String(a[ATTRIBUTE.failureReason] ?? ''), attributes: a };
    if (event.name !== DOCUMENT_GENERATED_EVENT || typeof a[ATTRIBUTE.documentNumber] !== 'string') continue;
    if (documentType !== undefined && a[ATTRIBUTE.documentType] !== documentType) continue;
    const storage = a[ATTRIBUTE.storage] as { path?: string } | undefined;
    return {
      outcome: 'generated',
      documentType: String(a[ATTRIBUTE.documentType]),
      number: String(a[ATTRIBUTE.documentNumber]),
      ...(storage?.path && { pdfPath: storage.path }),
      attributes: a,
    };
  }
  return undefined;
}

export async function waitForDocument(emulator: Emulator, key: EntityKey, documentType?: string, timeoutMs = 60_000): Promise<DocumentReply> {
  const what = `${key.entityType} ${key.entityRef ?? key.entityId} to get its ${documentType ?? 'document'}`;
  const reply = await waitFor(what, async () => documentReply(emulator, key, documentType), timeoutMs);
  // The workflow applies the reply to the entity in its own time; let it finish.
  await emulator.idle();
  return reply;
}

/** The entity's attributes as Fluent holds them (after ApplyDocumentUpdate). */
export function entityAttributes(emulator: Emulator, key: EntityKey): Record<string, unknown> {
  const table = ENTITY_TABLES[key.entityType];
  if (!table) throw new Error(`no table for ${key.entityType}`);
  const row = key.entityId !== undefined ? emulator.store.get(table, key.entityId) : emulator.store.byRef(table, key.entityRef);
  const list = (row?.attributes as { name: string; value: unknown }[] | undefined) ?? [];
  return Object.fromEntries(list.map((a) => [a.name, a.value]));
}
