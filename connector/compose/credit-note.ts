import type { DocumentContext } from './context.ts';
import { nodesOf } from '../core/fluent-data/connection.ts';
import type { CreditNoteData } from '../core/fluent-data/document-data.ts';
import { refundPlanOf, type RefundPlan } from './refund-plan.ts';
import type { RefundAllocation, RefundPolicy } from './refunds.ts';
import { ATTRIBUTE } from '../fluent/contract.ts';
import { PermanentError } from '../core/errors.ts';
import { billingBuyer, billingDraftLine, checkAgainstFluentTotals, documentNumberOf } from './billing.ts';
import { optionalZonedIso, zonedIso } from './dates.ts';
import { documentHeader } from './document-header.ts';
import type { DocumentModel } from '../core/document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { priceLines, pricedContent } from './lines.ts';
import { currencyCode } from './money.ts';
import { refundEntries } from './payments.ts';

/** How the credit goes back over the tenders the order was paid with, under the policy. */
export function creditNoteRefunds(data: CreditNoteData, policy?: RefundPolicy): RefundAllocation[] | undefined {
  return refundPlanOf(data.creditMemo, 'credit memo', data.order, policy);
}

/**
 * A credit note from a Fluent CreditMemo. It must reference the invoice it corrects (EU VAT
 * Directive art. 219): the Folio number written back onto the Fluent invoice, else its ref, and its
 * date. Each item carries its credit reason; refunds by tender are listed when given. Amounts are
 * positive: the document type says they are credited.
 */
export function buildCreditNote(source: CreditNoteData & RefundPlan & DocumentContext): DocumentModel {
  const memo = source.creditMemo;
  const owner = `credit memo ${memo.ref}`;
  const currency = currencyCode(memo.currency?.alphabeticCode);
  const mode = source.priceMode ?? 'tax_exclusive';
  const drafts = nodesOf(memo.items, `${owner} items`).map((item) =>
    billingDraftLine(
      { ...item, reason: item.creditReasonCode?.label?.trim() || item.creditReasonCode?.value?.trim() || undefined },
      memo.defaultTaxType,
      currency,
      owner,
    ),
  );
  const priced = priceLines(drafts, mode);
  checkAgainstFluentTotals(priced, memo, currency, mode, owner);
  const invoice = memo.invoice;
  const invoiceNumber = invoice ? documentNumberOf(invoice, ATTRIBUTE.documentNumber) : undefined;
  const invoiceDate = optionalZonedIso(invoice?.issueDate, `${owner} invoice issueDate`);
  const orderRef = memo.order?.ref ?? undefined;
  const refunds = refundEntries(source.refunds);
  const refunded = (refunds ?? []).reduce((sum, r) => sum + r.amountMinor, 0);
  if (refunds && refunded !== priced.totals.grossMinor) {
    throw new PermanentError(`${owner}: refunds by tender add up to ${refunded}, not the credit total ${priced.totals.grossMinor} (minor units)`);
  }
  return finalizeDocument({
    type: 'credit_note',
    ...documentHeader(source, {
      entity: { type: 'CREDIT_MEMO', ref: memo.ref, id: memo.id },
      root: { type: 'BILLING_ACCOUNT', ref: memo.billingAccount?.ref },
      issueDate: zonedIso(memo.issueDate, `${owner} issueDate`),
      currency,
      buyer: billingBuyer(memo.billingAccount, source.customer, owner),
      orderRef,
    }),
    references: [
      ...(invoiceNumber ? [{ label: 'Invoice', value: invoiceNumber }] : []),
      ...(invoiceDate ? [{ label: 'Invoice date', value: invoiceDate }] : []),
      ...(orderRef ? [{ label: 'Order', value: orderRef }] : []),
      ...(memo.returnOrder?.ref ? [{ label: 'Return', value: memo.returnOrder.ref }] : []),
    ],
    ...pricedContent(priced, mode),
    notes: [],
    ...(refunds ? { payments: refunds } : {}),
  });
}
