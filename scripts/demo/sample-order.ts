import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';
import type { EntityStore } from '../emulator/index.ts';

/**
 * An order as a retailer's storefront would create it through Fluent's GraphQL API: a customer, items
 * with net prices and a VAT tax type, a delivery choice with a shipping charge, and payments by tender
 * (financial transactions). Used by the demo and the end-to-end tests.
 */
export interface SampleOrderLine {
  sku: string;
  description: string;
  quantity: number;
  /** Net unit price, minor units. */
  unitMinor: number;
  /** Fluent's OrderItem.taxType text, e.g. "VAT20"; null leaves it out (bad data). */
  taxType: string | null;
}

export interface SamplePayment {
  method: string;
  amountMinor: number;
  type?: string;
  cardType?: string;
}

export interface SampleOrderOptions {
  retailerId: string;
  suffix: string;
  /** Order type: picks the workflow (ORDER::HD, ORDER::COD). */
  type?: string;
  currency?: string;
  lines?: SampleOrderLine[];
  shippingMinor?: number;
  payments?: SamplePayment[];
  customer?: { firstName: string; lastName: string; email: string };
}

export const SAMPLE_ORDER_LINES: SampleOrderLine[] = [
  { sku: 'JUMPER-M', description: 'Merino wool jumper', quantity: 2, unitMinor: 5999, taxType: 'VAT20' },
  { sku: 'BELT-L', description: 'Leather belt', quantity: 1, unitMinor: 3450, taxType: 'VAT20' },
];

export interface CreatedOrder {
  orderId: string;
  orderRef: string;
  customerRef: string;
  customerName: string;
  items: { id: string; ref: string; sku: string; description: string; quantity: number }[];
  payments: { id: string; ref: string; method: string }[];
}

/** Fluent has no catalogue API in the emulator: products are put in its store with their names. */
export function seedProducts(store: EntityStore, lines: readonly SampleOrderLine[]): void {
  for (const line of lines) {
    if (!store.find('Product', (p) => p.ref === line.sku && p.catalogueRef === 'DEFAULT')) {
      store.insert('Product', { ref: line.sku, name: line.description, catalogueRef: 'DEFAULT', status: 'ACTIVE', __typename: 'VariantProduct' });
    }
  }
}

const decimal = (minor: number) => minor / 100;

export async function createSampleOrder(fluent: FluentClient, store: EntityStore, options: SampleOrderOptions): Promise<CreatedOrder> {
  const { retailerId, suffix } = options;
  const retailer = { id: retailerId };
  const currency = options.currency ?? 'GBP';
  const lines = options.lines ?? SAMPLE_ORDER_LINES;
  const person = options.customer ?? { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' };
  seedProducts(store, lines);

  const { createCustomer } = await fluent.graphql<{ createCustomer: { id: string; ref: string } }>(
    `mutation($input: CreateCustomerInput) { createCustomer(input: $input) { id ref } }`,
    { input: { username: `cust-${suffix}`, firstName: person.firstName, lastName: person.lastName, primaryEmail: person.email, primaryPhone: '+441234567890', timezone: 'Europe/London', promotionOptIn: false, country: 'GB', retailer } },
  );
  const orderRef = `ORD-${suffix}`;
  const shipping = options.shippingMinor ?? 495;
  const items = lines.map((line, i) => ({
    ref: `${orderRef}-${i + 1}`,
    productRef: line.sku,
    quantity: line.quantity,
    price: decimal(line.unitMinor),
    totalPrice: decimal(line.unitMinor * line.quantity),
    currency,
    ...(line.taxType !== null && { taxType: line.taxType }),
  }));
  const { createOrder } = await fluent.graphql<{ createOrder: { id: string; items: { edges: { node: { id: string; ref: string } }[] } } }>(
    `mutation($input: CreateOrderInput) { createOrder(input: $input) { id items { edges { node { id ref } } } } }`,
    {
      input: {
        ref: orderRef,
        type: options.type ?? 'HD',
        retailer,
        customer: { id: createCustomer.id },
        items,
        fulfilmentChoice: {
          deliveryType: 'STANDARD',
          currency,
          fulfilmentPrice: decimal(shipping),
          deliveryAddress: { ref: `ADDR-${suffix}`, name: `${person.firstName} ${person.lastName}`, street: '221B Baker Street', city: 'London', postcode: 'NW1 6XE', country: 'GB' },
        },
      },
    },
  );
  const created = createOrder.items.edges.map((e) => e.node);
  const payments = [];
  for (const [i, payment] of (options.payments ?? []).entries()) {
    const ref = `PAY-${suffix}-${i + 1}`;
    const { createFinancialTransaction } = await fluent.graphql<{ createFinancialTransaction: { id: string } }>(
      `mutation($input: CreateFinancialTransactionInput) { createFinancialTransaction(input: $input) { id } }`,
      { input: { ref, type: payment.type ?? 'PAYMENT', amount: decimal(payment.amountMinor), currency, paymentMethod: payment.method, ...(payment.cardType && { cardType: payment.cardType }), order: { id: createOrder.id } } },
    );
    payments.push({ id: createFinancialTransaction.id, ref, method: payment.method });
  }
  return {
    orderId: createOrder.id,
    orderRef,
    customerRef: createCustomer.ref,
    customerName: `${person.firstName} ${person.lastName}`,
    items: lines.map((line, i) => ({ id: created[i]!.id, ref: created[i]!.ref, sku: line.sku, description: line.description, quantity: line.quantity })),
    payments,
  };
}

/** A package: the given quantities of the order's items, with carrier and tracking as fulfilment attributes. */
export async function createSampleFulfilment(
  fluent: FluentClient,
  order: CreatedOrder,
  options: { ref: string; items: { index: number; quantity: number }[]; tracking?: { carrier: string; number: string } },
): Promise<{ id: string; ref: string }> {
  const attributes = options.tracking
    ? [
        { name: 'ShippingPartner', type: 'STRING', value: options.tracking.carrier },
        { name: 'TrackingNumber', type: 'STRING', value: options.tracking.number },
      ]
    : [];
  const { createFulfilment } = await fluent.graphql<{ createFulfilment: { id: string } }>(
    `mutation($input: CreateFulfilmentInput) { createFulfilment(input: $input) { id } }`,
    {
      input: {
        ref: options.ref,
        type: 'HD_DISPATCH',
        order: { id: order.orderId },
        attributes,
        items: options.items.map(({ index, quantity }, i) => ({ ref: `${options.ref}-${i + 1}`, requestedQuantity: quantity, filledQuantity: quantity, rejectedQuantity: 0, orderItem: { id: order.items[index]!.id } })),
      },
    },
  );
  return { id: createFulfilment.id, ref: options.ref };
}
