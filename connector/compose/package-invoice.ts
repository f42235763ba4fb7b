import { z } from 'zod';
import type { DocumentContext } from './context.ts';
import { nodesOf } from '../core/fluent-data/connection.ts';
import type { TaxType } from '../core/fluent-data/fluent-types.ts';
import type { PackageInvoiceData } from '../core/fluent-data/document-data.ts';
import type { PackageNode } from '../core/fluent-data/package-order.ts';
import { PermanentError } from '../core/errors.ts';
import { zonedIso } from './dates.ts';
import { documentHeader } from './document-header.ts';
import type { DocumentModel } from '../core/document-model.ts';
import { finalizeDocument } from './finalize.ts';
import { checkedQuantity, priceLines, type DraftLine } from './lines.ts';
import { cumulativeShare, floatToMinor, mulDivHalfUp } from './money.ts';
import { chargeTreatment, orderCurrency, orderItemDraft } from './order-lines.ts';
import { orderBuyer } from './order-document.ts';
import { isSettled, paidSoFar, paymentEntries } from './payments.ts';

/**
 * One invoice per package (fulfilment). Every split is cumulative over the packages in the order
 * they were created: a package's share is (share through it) − (share through the one before), so
 * all packages of an order add up to exactly the order's line totals and shipping, whatever the
 * number of packages: no cent is lost or invented by rounding.
 */

export const packageInvoiceConfigSchema = z.object({
  /** Shipping on the first package, or split over packages in proportion to their value. */
  shipping: z.enum(['first_package', 'proportional']).default('proportional'),
  /** COD fee charged per package (gross minor units) when the order is paid cash on delivery. */
  codFeePerPackageMinor: z.number().int().nonnegative().default(0),
  /** Tenders that are cash on delivery. */
  codTenders: z.array(z.string()).default(['COD', 'CASH_ON_DELIVERY']),
});
export type PackageInvoiceConfig = z.output<typeof packageInvoiceConfigSchema>;

export interface PackageInvoiceSource extends PackageInvoiceData, DocumentContext {
  config: PackageInvoiceConfig;
  /** Tax type of shipping and the COD fee when the items do not share one rate. */
  shippingTaxType?: TaxType;
  currency?: string;
}

type Filled = Map<string, number>;

function filledBy(pkg: PackageNode): Filled {
  const filled: Filled = new Map();
  for (const item of nodesOf(pkg.items, `package ${pkg.ref ?? pkg.id} items`)) {
    const key = item.orderItem?.ref ?? item.orderItem?.id;
    if (!key) throw new PermanentError(`package ${pkg.ref ?? pkg.id}: an item has no order item`);
    filled.set(key, (filled.get(key) ?? 0) + checkedQuantity(item.filledQuantity, `package ${pkg.ref ?? pkg.id} item ${key}`));
  }
  return filled;
}

/** Packages in creation order (then id), the order Fluent created them in. */
function packagesInOrder(packages: PackageNode[]): PackageNode[] {
  return [...packages].sort((a, b) => (a.createdOn ?? '').localeCompare(b.createdOn ?? '') || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

export function buildPackageInvoice(source: PackageInvoiceSource): DocumentModel {
  const { order, config } = source;
  const orderRef = order.ref ?? order.id;
  const owner = `order ${orderRef}`;
  const currency = orderCurrency(order, source.currency);
  const packages = packagesInOrder(nodesOf(order.fulfilments, `${owner} fulfilments`));
  const position = packages.findIndex((p) => p.id === source.fulfilmentId);
  const pkg = packages[position];
  if (!pkg) throw new PermanentError(`${owner}: no fulfilment ${source.fulfilmentId}`);
  const before: Filled = new Map();
  for (const earlier of packages.slice(0, position)) for (const [k, q] of filledBy(earlier)) before.set(k, (before.get(k) ?? 0) + q);
  const here = filledBy(pkg);

  const items = nodesOf(order.items, `${owner} items`);
  const wholeLines = items.map((item) => orderItemDraft(item, currency));
  const orderValue = wholeLines.reduce((a, l) => a + l.amountMinor, 0);
  let valueBefore = 0;
  let valueHere = 0;
  const drafts: DraftLine[] = [];
  items.forEach((item, i) => {
    const key = item.ref ?? item.id;
    const ordered = item.quantity;
    const q0 = before.get(key) ?? 0;
    const q1 = q0 + (here.get(key) ?? 0);
    if (q1 > ordered) throw new PermanentError(`${owner}: item ${key} shipped ${q1} of ${ordered} ordered`);
    const whole = wholeLines[i] as DraftLine;
    valueBefore += ordered === 0 ? 0 : cumulativeShare(whole.amountMinor, 0, q0, ordered);
    const share = ordered === 0 ? 0 : cumulativeShare(whole.amountMinor, q0, q1, ordered);
    valueHere += share;
    if (q1 > q0) drafts.push(orderItemDraft(item, currency, { quantity: q1 - q0, amountMinor: share }));
  });
  if (drafts.length === 0) throw new PermanentError(`${owner}: package ${pkg.ref ?? pkg.id} ships nothing`);

  const charge = chargeTreatment(wholeLines, source.shippingTaxType, owner);
  const shippingTotal = order.fulfilmentChoice?.fulfilmentPrice != null ? floatToMinor(order.fulfilmentChoice.fulfilmentPrice, currency, `${owner} fulfilmentPrice`) : 0;
  const shipping =
    config.shipping === 'first_package'
      ? position === 0 ? shippingTotal : 0
      : orderValue === 0 ? (position === 0 ? shippingTotal : 0) : cumulativeShare(shippingTotal, valueBefore, valueBefore + valueHere, orderValue);
  if (shipping !== 0) drafts.push({ ref: 'SHIPPING', description: 'Delivery', quantity: 1, unitAmountMinor: shipping, amountMinor: shipping, treatment: charge, kind: 'shipping' });

  const payments = paymentEntries(order, currency);
  const isCod = (method: string) => config.codTenders.some((t) => t.toUpperCase() === method.toUpperCase());
  const cod = payments.some((p) => p.kind === 'payment' && isCod(p.method));
  if (cod && config.codFeePerPackageMinor > 0) {
    // The fee is configured as charged (gross when prices include tax, net otherwise).
    drafts.push({ ref: 'COD_FEE', description: 'Cash on delivery fee', quantity: 1, unitAmountMinor: config.codFeePerPackageMinor, amountMinor: config.codFeePerPackageMinor, treatment: charge, kind: 'fee' });
  }
  const mode = source.priceMode ?? 'tax_exclusive';
  const priced = priceLines(drafts, mode);

  // Prepaid money covers packages in order; COD is collected by the courier per package.
  const settled = nodesOf(order.financialTransactions, `${owner} transactions`).map(isSettled);
  const prepaid = paidSoFar(order, payments.map((p, i) => (isCod(p.method) || !settled[i] ? { ...p, amountMinor: 0 } : p)));
  const grossBefore = packagesGrossBefore(valueBefore, orderValue, priced.totals.grossMinor, valueHere);
  const paidHere = Math.max(0, Math.min(priced.totals.grossMinor, prepaid - grossBefore));
  const paymentStatus = cod ? 'cash_on_delivery' : paidHere >= priced.totals.grossMinor ? 'paid' : paidHere > 0 ? 'partially_paid' : 'unpaid';
  const packageRef = pkg.ref ?? pkg.id;
  return finalizeDocument({
    type: 'invoice',
    ...documentHeader(source, {
      entity: { type: 'FULFILMENT', ref: packageRef, id: pkg.id },
      root: { type: 'ORDER', ref: orderRef },
      issueDate: zonedIso(pkg.createdOn ?? order.createdOn, `package ${packageRef} createdOn`),
      currency,
      buyer: orderBuyer(order),
      orderRef,
    }),
    references: [
      { label: 'Order', value: orderRef },
      { label: 'Package', value: `${packageRef} (${position + 1}/${packages.length})` },
    ],
    lines: priced.lines,
    taxSummary: priced.taxSummary,
    totals: { ...priced.totals, paidMinor: cod ? 0 : paidHere, balanceMinor: priced.totals.grossMinor - (cod ? 0 : paidHere) },
    notes: [],
    priceMode: mode,
    payments: payments.filter((p) => p.kind === 'payment'),
    paymentStatus,
  });
}

/**
 * Prepaid money already used by earlier packages, estimated in proportion to their item value: the
 * gross of earlier invoices is not in this source, and the estimate only decides the status label.
 */
function packagesGrossBefore(valueBefore: number, orderValue: number, grossHere: number, valueHere: number): number {
  if (valueHere === 0 || orderValue === 0) return 0;
  return mulDivHalfUp(valueBefore, grossHere, valueHere);
}
