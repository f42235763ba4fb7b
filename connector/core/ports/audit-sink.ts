/** Steps of a document's life, plus accesses to it; mirrors the CHECK in migrations 210 and 500 (seller statements). */
export const AUDIT_STEPS = [
  'received', 'fetched', 'rendered', 'stored', 'reported', 'delivered', 'failed', 'retried',
  'accessed', 'access-denied', 'revoked', 'adjusted', 'cycle-closed',
] as const;
export type AuditStep = (typeof AUDIT_STEPS)[number];

export interface AuditEventInput {
  step: AuditStep;
  /** The stored document's key; at least one of documentKey and entityRef is required. */
  documentKey?: string;
  /** The Fluent entity's ref (e.g. invoice ref), so `folio audit <ref>` finds the trail before a key exists. */
  entityRef?: string;
  tenant?: string;
  sha256?: string;
  /** Delivery channel (email, sms, whatsapp) for `delivered`/`failed` steps. */
  channel?: string;
  /** A keyed hash of the recipient (see hashRecipient), never the address. */
  recipientHash?: string;
  /** Free-form facts (ids, purposes, error codes); personal data is redacted before it is stored. */
  details?: Record<string, unknown>;
  at?: Date;
}

export interface AuditEvent extends Omit<AuditEventInput, 'details' | 'at'> {
  id: number;
  at: Date;
  details: Record<string, unknown>;
}

/** What other modules need to write the trail; lets them stay ignorant of the database. */
export interface AuditSink {
  record(event: AuditEventInput): Promise<unknown>;
}
