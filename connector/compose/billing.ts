import type { CustomerNode } from '../core/fluent-data/customer.ts';
import { attributeText, type AmountType, type TaxType } from '../core/fluent-data/fluent-types.ts';
import type { BillingAccountNode } from '../core/fluent-data/invoice.ts';
import { PermanentError } from '../core/errors.ts';
import type { PriceMode } from './context.ts';
import type { DocumentLine, Party, Totals } from '../core/document-model.ts';
import { checkedQuantity, extend, type DraftLine, type PricedLines } from './lines.ts';
import { divHalfUp, optionalAmountToMinor, taxTreatment, toSafeInteger } from './money.ts';
import { buyerFrom, fullName } from './party.ts';

/**
 * What invoices, debit notes and credit notes share: Fluent billing items (InvoiceItem and
 * CreditMemoItem have the same money fields) to priced lines, the buyer from the billing account,
 * and the check of the computed totals against the totals Fluent stored.
 */

export interface BillingItem {
  ref: string;
  type?: string | null | undefined;
  description?: string | null | undefined;
  product?: { ref?: string | null | undefined } | null | undefined;
  unitQuantity?: { quantity?: number | null | undefined; unit?: string | null | undefined } | null | undefined;
  unitTaxType?: TaxType | null | undefined;
  unitAmount?: AmountType | null | undefined;
  amount?: AmountType | null | undefined;
  taxAmount?: AmountType | null | undefined;
  /** Credit reason, for credit notes. */
  reason?: string | undefined;
}

/** Fluent item types are free text; these patterns sort them into the model's line kinds. */
export function lineKind(type: string | null | undefined): DocumentLine['kind'] {
  if (!type) return 'item';
  if (/ship|deliver|freight|postage/i.test(type)) return 'shipping';
  if (/fee|cod|surcharge|charge/i.test(type)) return 'fee';
  if (/adjust|correct|discount|credit|debit/i.test(type)) return 'adjustment';
  return 'item';
}

export function billingDraftLine(
  item: BillingItem,
  defaultTaxType: TaxType | null | undefined,
  currency: string,
  owner: string,
): DraftLine {
  const what = `${owner} item ${item.ref}`;
  const taxType = item.unitTaxType ?? defaultTaxType;
  if (!taxType) throw new PermanentError(`${what}: missing tax type (no unitTaxType and no defaultTaxType)`);
  const quantity = checkedQuantity(item.unitQuantity?.quantity, what);
  const unit = optionalAmountToMinor(item.unitAmount, currency, `${what} unitAmount`);
  const amount =
    optionalAmountToMinor(item.amount, currency, `${what} amount`) ?? (unit !== undefined ? extend(quantity, unit) : undefined);
  if (amount === undefined) throw new PermanentError(`${what}: no amount and no unit amount`);
  const unitAmountMinor = unit ?? (quantity > 0 ? toSafeInteger(divHalfUp(BigInt(amount), BigInt(quantity))) : amount);
  return {
    ref: item.ref,
    description: item.description?.trim() || item.product?.ref || item.ref,
    sku: item.product?.ref ?? undefined,
    quantity,
    unit: item.unitQuantity?.unit ?? undefined,
    unitAmountMinor,
    amountMinor: amount,
    treatment: taxTreatment(taxType),
    sourceTaxMinor: optionalAmountToMinor(item.taxAmount, currency, `${what} taxAmount`),
    reason: item.reason,
    kind: lineKind(item.type),
  };
}

/** The buyer of a billing document: billing account name, else the customer's name. */
export function billingBuyer(
  account: BillingAccountNode | null | undefined,
  customer: CustomerNode | null | undefined,
  owner: string,
): Party {
  if (!account) throw new PermanentError(`${owner}: missing billing account`);
  const buyer = buyerFrom({
    names: [account.name, fullName(customer?.firstName, customer?.lastName)],
    email: customer?.primaryEmail,
    phone: customer?.primaryPhone,
    address: account.address,
    attributes: [...(account.attributes ?? []), ...(customer?.attributes ?? [])],
  });
  if (!buyer) throw new PermanentError(`${owner}: no buyer name on billing account ${account.ref} or its customer`);
  return buyer;
}

export interface FluentTotals {
  subTotalAmount?: AmountType | null | undefined;
  totalTax?: AmountType | null | undefined;
  totalAmount?: AmountType | null | undefined;
  totalBalance?: AmountType | null | undefined;
}

/**
 * Fluent stores totals beside the items. The document's totals come from the items (so they
 * reconcile); Fluent's must agree: the priced side exactly, the tax within the line rounding residue
 * (Fluent may have summed rounded line taxes). Anything else means the data contradicts itself, and
 * printing either figure would be wrong.
 */
export function checkAgainstFluentTotals(
  priced: PricedLines,
  fluent: FluentTotals,
  currency: string,
  mode: PriceMode,
  owner: string,
): void {
  const sub = optionalAmountToMinor(fluent.subTotalAmount, currency, `${owner} subTotalAmount`);
  const total = optionalAmountToMinor(fluent.totalAmount, currency, `${owner} totalAmount`);
  const tax = optionalAmountToMinor(fluent.totalTax, currency, `${owner} totalTax`);
  const { netMinor, taxMinor, grossMinor } = priced.totals;
  if (mode === 'tax_exclusive' && sub !== undefined && sub !== netMinor) {
    throw new PermanentError(`${owner}: subtotal ${sub} does not match the sum of its items ${netMinor} (minor units)`);
  }
  if (mode === 'tax_inclusive' && total !== undefined && total !== grossMinor) {
    throw new PermanentError(`${owner}: total ${total} does not match the sum of its items ${grossMinor} (minor units)`);
  }
  const tolerance = priced.lines.length;
  if (tax !== undefined && Math.abs(tax - taxMinor) > tolerance) {
    throw new PermanentError(`${owner}: total tax ${tax} does not match the tax of its items ${taxMinor} (minor units)`);
  }
}

/**
 * Paid and balance. Fluent's totalBalance is "yet to be paid" against Fluent's own total, so what was
 * paid is Fluent total − balance; the balance is then restated against the document's gross.
 */
export function paymentTotals(
  totals: Totals,
  fluent: FluentTotals,
  currency: string,
  owner: string,
): Pick<Totals, 'paidMinor' | 'balanceMinor'> {
  const balance = optionalAmountToMinor(fluent.totalBalance, currency, `${owner} totalBalance`);
  if (balance === undefined) return {};
  const fluentTotal = optionalAmountToMinor(fluent.totalAmount, currency, `${owner} totalAmount`) ?? totals.grossMinor;
  const paid = fluentTotal - balance;
  if (paid < 0) throw new PermanentError(`${owner}: balance ${balance} exceeds the total ${fluentTotal} (minor units)`);
  return { paidMinor: paid, balanceMinor: totals.grossMinor - paid };
}

/** The Folio number of an earlier document, as written back onto the Fluent entity; else its ref. */
export function documentNumberOf(entity: { ref: string; attributes?: Parameters<typeof attributeText>[0] }, attribute: string): string {
  return attributeText(entity.attributes ?? [], [attribute]) ?? entity.ref;
}
