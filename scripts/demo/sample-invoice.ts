import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';

/**
 * Creates, through Fluent's GraphQL API, what a retailer's order flow would: a customer, a billing
 * account, an order and an invoice with items. Creating the invoice fires the BILLING_ACCOUNT workflow.
 * Used by the demo and by the end-to-end tests; amounts are written the way Fluent stores them.
 */
export interface SampleLine {
  description: string;
  quantity: number;
  /** Net unit price in minor units. */
  unitMinor: number;
  /** Tax rate in percent, as Fluent's TaxType tariff carries it. */
  taxPercent: number;
}

export interface SampleInvoiceOptions {
  retailerId: string;
  suffix: string;
  /** attributes: the shopper's preferences as Fluent holds them (e.g. language, preferredChannel). */
  customer?: { firstName: string; lastName: string; email: string; attributes?: Record<string, string> };
  currency?: string;
  lines?: SampleLine[];
  /** Attributes put on the invoice (e.g. locale). */
  attributes?: Record<string, string>;
}

export const DEFAULT_LINES: SampleLine[] = [
  { description: 'Merino wool jumper', quantity: 2, unitMinor: 5999, taxPercent: 20 },
  { description: 'Leather belt', quantity: 1, unitMinor: 3450, taxPercent: 20 },
  { description: 'Gift wrapping', quantity: 1, unitMinor: 250, taxPercent: 20 },
];

const amount = (minor: number) => ({ amount: minor / 100, scale: 2, unscaledValue: minor });

export interface CreatedInvoice {
  invoiceRef: string;
  billingAccountRef: string;
  orderRef: string;
  customerName: string;
  totalMinor: number;
  lines: SampleLine[];
}

export async function createSampleInvoice(fluent: FluentClient, options: SampleInvoiceOptions): Promise<CreatedInvoice> {
  const { retailerId, suffix } = options;
  const person = options.customer ?? { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' };
  const currency = options.currency ?? 'GBP';
  const lines = options.lines ?? DEFAULT_LINES;
  const retailer = { id: retailerId };

  const { createCustomer } = await fluent.graphql<{ createCustomer: { id: string; ref: string } }>(
    `mutation($input: CreateCustomerInput) { createCustomer(input: $input) { id ref } }`,
    { input: { username: `cust-${suffix}`, firstName: person.firstName, lastName: person.lastName, primaryEmail: person.email, primaryPhone: '+441234567890', timezone: 'Europe/London', promotionOptIn: false, country: 'GB', retailer, attributes: Object.entries(person.attributes ?? {}).map(([name, value]) => ({ name, type: 'STRING', value })) } },
  );
  const billingAccountRef = `BA-${suffix}`;
  await fluent.graphql(
    `mutation($input: CreateBillingAccountInput) { createBillingAccount(input: $input) { id ref } }`,
    { input: { ref: billingAccountRef, type: 'CUSTOMER', name: `${person.firstName} ${person.lastName}`, retailer, customer: { ref: createCustomer.ref }, address: { name: `${person.firstName} ${person.lastName}`, street: '12 St James Square', city: 'London', postcode: 'SW1Y 4JH', country: 'GB', timeZone: 'Europe/London' } } },
  );
  const orderRef = `ORD-${suffix}`;
  await fluent.graphql(
    `mutation($input: CreateOrderInput) { createOrder(input: $input) { id ref } }`,
    { input: { ref: orderRef, type: 'HD', retailer, customer: { id: createCustomer.id }, items: lines.map((line, i) => ({ ref: `${orderRef}-${i + 1}`, productRef: `SKU-${i + 1}`, quantity: line.quantity, price: line.unitMinor / 100, currency, taxType: 'VAT' })) } },
  );

  const items = lines.map((line, i) => {
    const net = line.unitMinor * line.quantity;
    const tax = Math.round((net * line.taxPercent) / 100);
    return {
      input: { ref: `${orderRef}-INV-${i + 1}`, type: 'INVOICE_ITEM', description: line.description, unitQuantity: { quantity: line.quantity, unit: 'EA' }, unitTaxType: { country: 'GB', group: 'VAT', tariff: String(line.taxPercent) }, unitAmount: amount(line.unitMinor), amount: amount(net), taxAmount: amount(tax) },
      net,
      tax,
    };
  });
  const subTotal = items.reduce((sum, item) => sum + item.net, 0);
  const totalTax = items.reduce((sum, item) => sum + item.tax, 0);
  const invoiceRef = `INV-${suffix}`;
  await fluent.graphql(
    `mutation($input: CreateInvoiceInput) { createInvoice(input: $input) { id ref status } }`,
    {
      input: {
        ref: invoiceRef,
        type: 'INVOICE',
        billingAccount: { ref: billingAccountRef },
        order: { ref: orderRef, retailer },
        items: items.map((item) => item.input),
        issueDate: '2026-11-23T09:30:00.000Z',
        currency: { alphabeticCode: currency },
        defaultTaxType: { country: 'GB', group: 'VAT', tariff: '20' },
        subTotalAmount: amount(subTotal),
        totalTax: amount(totalTax),
        totalAmount: amount(subTotal + totalTax),
        totalBalance: amount(subTotal + totalTax),
        attributes: Object.entries(options.attributes ?? {}).map(([name, value]) => ({ name, type: 'STRING', value })),
      },
    },
  );
  return { invoiceRef, billingAccountRef, orderRef, customerName: `${person.firstName} ${person.lastName}`, totalMinor: subTotal + totalTax, lines };
}
