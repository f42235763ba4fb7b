import type { CreditNoteData } from '../core/fluent-data/document-data.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import { fetchQuery } from './fetch-query.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { loadBillingParties } from './load-billing-parties.ts';
import { CREDIT_MEMO_QUERY, creditMemoQueryResultSchema } from './queries/credit-memo.ts';

/** The credit memo (with its original invoice), the buyer, and the order whose payments the credit goes back to. */
export async function loadCreditNote(fluent: FluentClient, event: FluentEvent): Promise<CreditNoteData> {
  const ref = event.entityRef;
  if (!ref) throw new PermanentError(`the ${event.entityType} event ${event.id} has no entityRef; credit memos are addressed by ref`);
  const { creditMemo } = await fetchQuery(fluent, CREDIT_MEMO_QUERY, { ref }, creditMemoQueryResultSchema, `credit memo ${ref}`);
  if (!creditMemo) throw new PermanentError(`credit memo ${ref} does not exist in Fluent`);
  const orderRef = creditMemo.order?.ref;
  const { customer, order } = await loadBillingParties(fluent, { customerRef: creditMemo.billingAccount?.customer?.ref, orderRef }, `credit memo ${ref}`);
  // The credit goes back through the order's payments: a credit memo naming an order Fluent lacks cannot be printed.
  if (orderRef && !order) throw new PermanentError(`order ${orderRef} does not exist in Fluent`);
  return { creditMemo, customer, order };
}
