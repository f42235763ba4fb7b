import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';
import type { SampleLine } from './sample-invoice.ts';
import type { SamplePayment } from './sample-order.ts';

/**
 * Billing documents besides the plain invoice, created through GraphQL as the OMS would: a credit
 * memo against an invoice (reason per item), an invoice of a debit type (extra charges), and an
 * invoice linked to a package (per-package invoicing). Each fires the BILLING_ACCOUNT workflow.
 */
const amount = (minor: number) => ({ amount: minor / 100, scale: 2, unscaledValue: minor });

export interface SampleBillingLine extends SampleLine {
  reason?: string;
}

function priced(lines: readonly SampleBillingLine[], prefix: string, itemType: string) {
  const items = lines.map((line, i) => {
    const net = line.unitMinor * line.quantity;
    const tax = Math.round((net * line.taxPercent) / 100);
    return {
      ref: `${prefix}-${i + 1}`,
      type: itemType,
      description: line.description,
      unitQuantity: { quantity: line.quantity, unit: 'EA' },
      unitTaxType: { country: 'GB', group: 'VAT', tariff: String(line.taxPercent) },
      unitAmount: amount(line.unitMinor),
      amount: amount(net),
      taxAmount: amount(tax),
      ...(line.reason && { creditReasonCode: { value: line.reason.toUpperCase().replace(/\W+/g, '_'), label: line.reason } }),
      net,
      tax,
    };
  });
  const subTotal = items.reduce((s, i) => s + i.net, 0);
  const totalTax = items.reduce((s, i) => s + i.tax, 0);
  return {
    items: items.map(({ net: _net, tax: _tax, ...item }) => item),
    totals: { subTotalAmount: amount(subTotal), totalTax: amount(totalTax), totalAmount: amount(subTotal + totalTax), totalBalance: amount(subTotal + totalTax) },
    totalMinor: subTotal + totalTax,
  };
}

/** Payments by tender recorded on an existing order (found by ref). */
export async function addPayments(fluent: FluentClient, orderRef: string, currency: string, payments: readonly SamplePayment[], suffix: string): Promise<void> {
  const { order } = await fluent.graphql<{ order: { id: string } }>('query($ref: String!) { order(ref: $ref) { id } }', { ref: orderRef });
  for (const [i, payment] of payments.entries()) {
    await fluent.graphql(`mutation($input: CreateFinancialTransactionInput) { createFinancialTransaction(input: $input) { id } }`, {
      input: { ref: `PAY-${suffix}-${i + 1}`, type: payment.type ?? 'PAYMENT', amount: payment.amountMinor / 100, currency, paymentMethod: payment.method, order: { id: order.id } },
    });
  }
}

export async function createSampleBillingAccount(fluent: FluentClient, options: { retailerId: string; ref: string; customerRef: string; name: string }): Promise<string> {
  await fluent.graphql(`mutation($input: CreateBillingAccountInput) { createBillingAccount(input: $input) { id ref } }`, {
    input: { ref: options.ref, type: 'CUSTOMER', name: options.name, retailer: { id: options.retailerId }, customer: { ref: options.customerRef }, address: { name: options.name, street: '221B Baker Street', city: 'London', postcode: 'NW1 6XE', country: 'GB', timeZone: 'Europe/London' } },
  });
  return options.ref;
}

export interface BillingOptions {
  retailerId: string;
  ref: string;
  billingAccountRef: string;
  orderRef?: string;
  currency?: string;
  lines: SampleBillingLine[];
  issueDate?: string;
}

export async function createSampleCreditMemo(fluent: FluentClient, options: BillingOptions & { invoiceRef: string }): Promise<{ ref: string; totalMinor: number }> {
  const { items, totals, totalMinor } = priced(options.lines, `${options.ref}-ITEM`, 'CREDIT_MEMO_ITEM');
  await fluent.graphql(`mutation($input: CreateCreditMemoInput) { createCreditMemo(input: $input) { ref } }`, {
    input: {
      ref: options.ref,
      type: 'CREDIT_MEMO',
      billingAccount: { ref: options.billingAccountRef },
      invoice: { ref: options.invoiceRef },
      ...(options.orderRef && { order: { ref: options.orderRef, retailer: { id: options.retailerId } } }),
      items,
      issueDate: options.issueDate ?? '2026-11-25T10:00:00.000Z',
      currency: { alphabeticCode: options.currency ?? 'GBP' },
      defaultTaxType: { country: 'GB', group: 'VAT', tariff: '20' },
      ...totals,
    },
  });
  return { ref: options.ref, totalMinor };
}

/** An invoice of type `type` (DEBIT_NOTE: a debit note), or linked to a package (`fulfilmentRef`). */
export async function createSampleBillingInvoice(fluent: FluentClient, options: BillingOptions & { type: string; fulfilmentRef?: string }): Promise<{ ref: string; totalMinor: number }> {
  const { items, totals, totalMinor } = priced(options.lines, `${options.ref}-ITEM`, 'INVOICE_ITEM');
  const order = options.orderRef ? { ref: options.orderRef, retailer: { id: options.retailerId } } : undefined;
  await fluent.graphql(`mutation($input: CreateInvoiceInput) { createInvoice(input: $input) { ref } }`, {
    input: {
      ref: options.ref,
      type: options.type,
      billingAccount: { ref: options.billingAccountRef },
      ...(order && { order }),
      ...(options.fulfilmentRef && { fulfilment: { ref: options.fulfilmentRef, ...(order && { order }) } }),
      items,
      issueDate: options.issueDate ?? '2026-11-24T09:00:00.000Z',
      currency: { alphabeticCode: options.currency ?? 'GBP' },
      defaultTaxType: { country: 'GB', group: 'VAT', tariff: '20' },
      ...totals,
    },
  });
  return { ref: options.ref, totalMinor };
}
