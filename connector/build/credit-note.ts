import { nodesOf } from '../fetch/queries/common.ts';
import type { CreditNoteSource } from '../fetch/queries/credit-memo.ts';
import { ATTRIBUTE } from '../fluent/contract.ts';
import { PermanentError } from '../pipeline/outcome.ts';
import { billingBuyer, billingDraftLine, checkAgainstFluentTotals, documentNumberOf } from './billing.ts';
import { optionalZonedIso, zonedIso } from './dates.ts';
import type { DocumentModel } from './document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { priceLines } from './lines.ts';
import { currencyCode } from './money.ts';
import { compact } from './party.ts';
import { refundEntries } from './payments.ts';

/**
 * A credit note from a Fluent CreditMemo. It must reference the invoice it corrects (EU VAT
 * Directive art. 219): the Folio number written back onto the Fluent invoice, else its ref, and its
 * date. Each item carries its credit reason; refunds by tender are listed when given. Amounts are
 * positive: the document type says they are credited.
 */
export function buildCreditNote(source: CreditNoteSource): DocumentModel {
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
    source: compact({
      accountId: source.origin.accountId,
      retailerId: source.origin.retailerId,
      entityType: 'CREDIT_MEMO',
      entityRef: memo.ref,
      entityId: memo.id,
      rootEntityType: source.origin.rootEntityType ?? 'BILLING_ACCOUNT',
      rootEntityRef: source.origin.rootEntityRef ?? memo.billingAccount?.ref,
    }),
    issueDate: zonedIso(memo.issueDate, `${owner} issueDate`),
    timeZone: source.timeZone,
    locale: source.locale,
    currency,
    seller: source.seller,
    buyer: billingBuyer(memo.billingAccount, source.customer, owner),
    orderRef,
    references: [
      ...(invoiceNumber ? [{ label: 'Invoice', value: invoiceNumber }] : []),
      ...(invoiceDate ? [{ label: 'Invoice date', value: invoiceDate }] : []),
      ...(orderRef ? [{ label: 'Order', value: orderRef }] : []),
      ...(memo.returnOrder?.ref ? [{ label: 'Return', value: memo.returnOrder.ref }] : []),
    ],
    lines: priced.lines,
    taxSummary: priced.taxSummary,
    totals: priced.totals,
    notes: [],
    priceMode: mode,
    ...(refunds ? { payments: refunds } : {}),
  });
}
