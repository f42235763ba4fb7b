import type { DocumentContext } from './context.ts';
import { nodesOf } from '../core/fluent-data/connection.ts';
import type { CreditNoteData } from '../core/fluent-data/document-data.ts';
import { plannedRefundOf, refundedParts, type PlannedRefund, type RefundPlan, type RefundPlanOptions } from './refund-plan.ts';
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

/**
 * How the credit goes back over the tenders the order was paid with, under the policy: the credited
 * goods, plus the shipping and COD-fee share the policy gives back unless the memo credits them itself.
 */
export function creditNoteRefunds(data: CreditNoteData, options: RefundPlanOptions = {}): PlannedRefund | undefined {
  const memo = data.creditMemo;
  const owner = `credit memo ${memo.ref}`;
  const currency = currencyCode(memo.currency?.alphabeticCode);
  const priced = priceLines(creditMemoDrafts(memo, currency, owner), options.priceMode ?? 'tax_exclusive');
  return plannedRefundOf(memo, 'credit memo', data.order, { ...options, parts: refundedParts(priced.lines) });
}

function creditMemoDrafts(memo: CreditNoteData['creditMemo'], currency: string, owner: string) {
  return nodesOf(memo.items, `${owner} items`).map((item) =>
    billingDraftLine(
      { ...item, reason: item.creditReasonCode?.label?.trim() || item.creditReasonCode?.value?.trim() || undefined },
      memo.defaultTaxType,
      currency,
      owner,
    ),
  );
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
  const priced = priceLines(creditMemoDrafts(memo, currency, owner), mode);
  checkAgainstFluentTotals(priced, memo, currency, mode, owner);
  const invoice = memo.invoice;
  const invoiceNumber = invoice ? documentNumberOf(invoice, ATTRIBUTE.documentNumber) : undefined;
  const invoiceDate = optionalZonedIso(invoice?.issueDate, `${owner} invoice issueDate`);
  const orderRef = memo.order?.ref ?? undefined;
  const refunds = refundEntries(source.refundPlan?.allocations ?? source.refunds);
  const refunded = (refunds ?? []).reduce((sum, r) => sum + r.amountMinor, 0);
  // The refund is the credit, plus the shipping and COD-fee share the policy adds when the memo credits none.
  const expected = source.refundPlan ? source.refundPlan.totalMinor : priced.totals.grossMinor;
  const parts = refundedParts(priced.lines);
  if (source.refundPlan && source.refundPlan.itemsMinor + (parts.shippingMinor ?? 0) + (parts.codFeeMinor ?? 0) !== priced.totals.grossMinor) {
    throw new PermanentError(`${owner}: the refund plan's goods ${source.refundPlan.itemsMinor} are not this credit's (minor units)`);
  }
  if (refunds && refunded !== expected) {
    throw new PermanentError(`${owner}: refunds by tender add up to ${refunded}, not the ${source.refundPlan ? 'planned refund' : 'credit total'} ${expected} (minor units)`);
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
