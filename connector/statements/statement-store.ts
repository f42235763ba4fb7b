import type { Database, Queryable } from '../db/database.ts';
import { PermanentError } from '../core/errors.ts';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import { statementEntrySchema, payoutSchema, type Payout, type StatementEntry } from '../core/statement-model.ts';
import { allocateDocumentNumber } from '../numbering/allocate-number.ts';
import { sellerSchema, type Seller } from '../sellers/seller.ts';
import type { CommissionVatStatus } from '../sellers/vat-treatment.ts';
import { cycleOf, type Cycle } from './cycle.ts';
import type { AdjustmentActivity } from './ledger.ts';

/**
 * The closed cycles of sellers (migration 500): closing writes the statement, every entry it counts
 * and its documents' numbers in one transaction; nothing is changed afterwards. Scoped by account.
 */
export interface ClosedCycle {
  accountId: string;
  retailerId: string;
  seller: Seller;
  cycle: Cycle;
  entries: StatementEntry[];
  payout: Payout;
  vatStatus: CommissionVatStatus;
  standardRateBp: number;
  invoice?: NumberedDocumentRef;
  statement: NumberedDocumentRef;
  closedAt: Date;
}

export interface NumberedDocumentRef {
  key: string;
  number: string;
}

export const STATEMENT_NUMBERING = {
  commission_invoice: { pattern: 'CI-{country}{yyyy}-{seq:6}' },
  seller_statement: { pattern: 'ST-{country}{yyyy}-{seq:6}' },
} as const;
export type StatementDocumentKind = keyof typeof STATEMENT_NUMBERING;

/** The record key of a seller's document for a cycle (one per kind, seller and cycle). */
export function statementDocumentKey(accountId: string, retailerId: string, kind: StatementDocumentKind, sellerRef: string, cycleId: string): string {
  return `${accountId}|${retailerId}|${kind}|SELLER|${sellerRef}@${cycleId}`;
}

interface StatementRow {
  account_id: string;
  retailer_id: string;
  cycle_id: string;
  payout: unknown;
  seller: unknown;
  vat_status: CommissionVatStatus;
  standard_rate_bp: number;
  invoice_key: string | null;
  statement_key: string;
  closed_at: Date;
}

/** A closed cycle with its entries in order, or undefined when it is still open. */
export async function findClosedCycle(db: Queryable, accountId: string, sellerRef: string, cycleId: string): Promise<ClosedCycle | undefined> {
  const { rows } = await db.query<StatementRow>('SELECT * FROM folio_statements WHERE account_id = $1 AND seller_ref = $2 AND cycle_id = $3', [accountId, sellerRef, cycleId]);
  const row = rows[0];
  if (!row) return undefined;
  const entries = await db.query<{ entry: unknown }>('SELECT entry FROM folio_statement_entries WHERE account_id = $1 AND seller_ref = $2 AND cycle_id = $3 ORDER BY position', [accountId, sellerRef, cycleId]);
  const keys = [row.invoice_key, row.statement_key].filter((k): k is string => k !== null);
  const numbers = await db.query<{ key: string; number: string }>('SELECT key, number FROM folio_documents WHERE key = ANY($1::text[])', [keys]);
  const numberOf = (key: string) => {
    const found = numbers.rows.find((r) => r.key === key);
    if (!found) throw new Error(`closed cycle ${sellerRef} ${cycleId}: document ${key} has no record`);
    return { key, number: found.number };
  };
  const seller = sellerSchema.parse(row.seller);
  return {
    accountId: row.account_id,
    retailerId: row.retailer_id,
    seller,
    cycle: cycleOf(seller.billingCycle, row.cycle_id),
    entries: entries.rows.map((r) => statementEntrySchema.parse(r.entry)),
    payout: payoutSchema.parse(row.payout),
    vatStatus: row.vat_status,
    standardRateBp: Number(row.standard_rate_bp),
    ...(row.invoice_key && { invoice: numberOf(row.invoice_key) }),
    statement: numberOf(row.statement_key),
    closedAt: row.closed_at,
  };
}

/** Every entry key a closed cycle of this seller counted: never to be counted again. */
export async function countedKeys(db: Queryable, accountId: string, sellerRef: string): Promise<Set<string>> {
  const { rows } = await db.query<{ entry_key: string }>('SELECT entry_key FROM folio_statement_entries WHERE account_id = $1 AND seller_ref = $2', [accountId, sellerRef]);
  return new Set(rows.map((r) => r.entry_key));
}

export interface CloseCycleInput {
  accountId: string;
  retailerId: string;
  seller: Seller;
  cycle: Cycle;
  entries: readonly StatementEntry[];
  payout: Payout;
  vatStatus: CommissionVatStatus;
  standardRateBp: number;
  /** Whether the cycle has a commission invoice (it charges something). */
  withInvoice: boolean;
  /** The marketplace's country: numbers are per country, like every Folio series. */
  country: string;
}

/**
 * Closes a cycle: one transaction writes the statement, its entries (each key once per seller, ever:
 * the primary key refuses a second count) and the numbers of its documents, each in its own gap-free
 * series. A cycle closed meanwhile by another run is returned as it was closed.
 */
export async function closeCycle(db: Database, input: CloseCycleInput): Promise<ClosedCycle> {
  const { accountId, retailerId, seller, cycle } = input;
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`folio_statements:${accountId}|${seller.ref}|${cycle.id}`]);
    const open = await tx.query('SELECT 1 FROM folio_statements WHERE account_id = $1 AND seller_ref = $2 AND cycle_id = $3', [accountId, seller.ref, cycle.id]);
    if (open.rowCount > 0) return;
    const numbered = async (kind: StatementDocumentKind) => {
      const key = statementDocumentKey(accountId, retailerId, kind, seller.ref, cycle.id);
      await allocateDocumentNumber(tx, {
        key,
        document: { accountId, retailerId, documentType: kind, entityType: 'SELLER', entityRef: `${seller.ref}@${cycle.id}` },
        pattern: STATEMENT_NUMBERING[kind].pattern,
        issuedAt: cycle.end,
        timeZone: seller.billingCycle.timeZone,
        values: { country: input.country },
      });
      return key;
    };
    const invoiceKey = input.withInvoice ? await numbered('commission_invoice') : null;
    const statementKey = await numbered('seller_statement');
    await tx.query(
      `INSERT INTO folio_statements (account_id, retailer_id, seller_ref, cycle_id, cycle_start, cycle_end, currency, payout, payout_minor, seller, vat_status, standard_rate_bp, invoice_key, statement_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb, $11, $12, $13, $14)`,
      [accountId, retailerId, seller.ref, cycle.id, cycle.start.toISOString(), cycle.end.toISOString(), seller.payoutCurrency, JSON.stringify(input.payout), input.payout.payoutMinor, JSON.stringify(seller), input.vatStatus, input.standardRateBp, invoiceKey, statementKey],
    );
    for (const [position, entry] of input.entries.entries()) {
      await tx.query('INSERT INTO folio_statement_entries (account_id, seller_ref, entry_key, cycle_id, position, entry) VALUES ($1, $2, $3, $4, $5, $6::jsonb)', [accountId, seller.ref, entry.key, cycle.id, position, JSON.stringify(entry)]);
    }
  });
  const closed = await findClosedCycle(db, accountId, seller.ref, cycle.id);
  if (!closed) throw new Error(`cycle ${cycle.id} of ${seller.ref} did not close`);
  return closed;
}

export interface AdjustmentInput {
  accountId: string;
  seller: Pick<Seller, 'ref' | 'payoutCurrency' | 'billingCycle'>;
  amountMinor: number;
  reason: string;
  author: string;
  /** An open cycle to count it in; by default the next cycle to close. */
  cycleId?: string | undefined;
}

/**
 * Records a manual adjustment (a credit to the seller, or a debit when negative) with its reason and
 * author, and audits it. It goes into the cycle named, which must still be open, else into the next
 * cycle closed after it was entered.
 */
export async function addAdjustment(db: Database, audit: AuditSink, input: AdjustmentInput): Promise<{ id: string; ref: string }> {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor === 0) throw new PermanentError(`adjustment amount ${input.amountMinor} must be a non-zero whole number of minor units`);
  const reason = input.reason.trim();
  const author = input.author.trim();
  if (reason.length < 3 || reason.length > 500) throw new PermanentError('an adjustment needs a reason of 3 to 500 characters');
  if (author.length < 1 || author.length > 200) throw new PermanentError('an adjustment needs its author');
  if (input.cycleId !== undefined) {
    cycleOf(input.seller.billingCycle, input.cycleId);
    if (await findClosedCycle(db, input.accountId, input.seller.ref, input.cycleId)) throw new PermanentError(`cycle ${input.cycleId} of ${input.seller.ref} is closed: a closed cycle is never rewritten; leave --cycle out to adjust the next one`);
  }
  const { rows } = await db.query<{ id: string | number }>(
    'INSERT INTO folio_statement_adjustments (account_id, seller_ref, amount_minor, currency, reason, author, cycle_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [input.accountId, input.seller.ref, input.amountMinor, input.seller.payoutCurrency, reason, author, input.cycleId ?? null],
  );
  const id = String(rows[0]!.id);
  const ref = adjustmentRef(id);
  await audit.record({ step: 'adjusted', entityRef: `${input.seller.ref}`, tenant: input.accountId, details: { adjustment: ref, amountMinor: input.amountMinor, currency: input.seller.payoutCurrency, reason, author, ...(input.cycleId && { cycle: input.cycleId }) } });
  return { id, ref };
}

export const adjustmentRef = (id: string): string => `ADJ-${id}`;

/** The seller's adjustments as activities: at their cycle's start when they name one, else when entered. */
export async function adjustmentsOf(db: Queryable, accountId: string, seller: Pick<Seller, 'ref' | 'billingCycle'>): Promise<AdjustmentActivity[]> {
  const { rows } = await db.query<{ id: string | number; amount_minor: string | number; currency: string; reason: string; author: string; cycle_id: string | null; created_at: Date }>(
    'SELECT id, amount_minor, currency, reason, author, cycle_id, created_at FROM folio_statement_adjustments WHERE account_id = $1 AND seller_ref = $2 ORDER BY id',
    [accountId, seller.ref],
  );
  return rows.map((row) => ({
    kind: 'adjustment',
    ref: adjustmentRef(String(row.id)),
    at: (row.cycle_id ? cycleOf(seller.billingCycle, row.cycle_id).start : row.created_at).toISOString(),
    currency: row.currency,
    amountMinor: Number(row.amount_minor),
    reason: row.reason,
    author: row.author,
  }));
}
