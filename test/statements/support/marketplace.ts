import type { FluentClient } from '../../../connector/core/ports/fluent-client.ts';
import type { EntityStore } from '../../../scripts/emulator/index.ts';
import { seedProducts } from '../../../scripts/demo/sample-order.ts';

/**
 * A marketplace seller's orders and refunds, made through the emulator's GraphQL API as the seller's
 * storefront and the OMS would: an order of the seller's retailer with a category per item and the
 * sales channel as attributes, its payments, and credit memos. Fluent sets createdOn itself, so a
 * scenario spread over past billing cycles moves each order's creation date in the emulator's store
 * afterwards (what Fluent would hold had the order been placed then).
 */
const decimal = (minor: number) => minor / 100;
const amount = (minor: number) => ({ amount: minor / 100, scale: 2, unscaledValue: minor });

export interface SellerOrderLine {
  sku: string;
  category: string;
  netMinor: number;
  taxMinor: number;
}

export interface SellerOrder {
  retailerId: string;
  ref: string;
  channel: string;
  createdOn: string;
  status: string;
  lines: SellerOrderLine[];
  shipping: { netMinor: number; taxMinor: number };
  /** Settled payments by tender; none: an unpaid order. */
  payments: { method: string; amountMinor: number }[];
}

export async function createSellerOrder(fluent: FluentClient, store: EntityStore, order: SellerOrder): Promise<{ id: string; itemRefs: string[] }> {
  const retailer = { id: order.retailerId };
  seedProducts(store, order.lines.map((line) => ({ sku: line.sku, description: `${line.category} ${line.sku}`, quantity: 1, unitMinor: line.netMinor, taxType: 'VAT20' })));
  const { createCustomer } = await fluent.graphql<{ createCustomer: { id: string } }>(`mutation($input: CreateCustomerInput) { createCustomer(input: $input) { id } }`, {
    input: { username: `cust-${order.ref}`, firstName: 'Mary', lastName: 'Shopper', primaryEmail: `${order.ref.toLowerCase()}@shopper.example`, timezone: 'Europe/Dublin', promotionOptIn: false, country: 'IE', retailer },
  });
  const items = order.lines.map((line, i) => ({
    ref: `${order.ref}-${i + 1}`,
    productRef: line.sku,
    quantity: 1,
    price: decimal(line.netMinor),
    totalPrice: decimal(line.netMinor),
    totalTaxPrice: decimal(line.taxMinor),
    currency: 'EUR',
    taxType: 'VAT20',
    attributes: [{ name: 'category', type: 'STRING', value: line.category }],
  }));
  const { createOrder } = await fluent.graphql<{ createOrder: { id: string } }>(`mutation($input: CreateOrderInput) { createOrder(input: $input) { id } }`, {
    input: {
      ref: order.ref,
      type: 'HD',
      retailer,
      customer: { id: createCustomer.id },
      attributes: [{ name: 'channel', type: 'STRING', value: order.channel }],
      items,
      fulfilmentChoice: { deliveryType: 'STANDARD', currency: 'EUR', fulfilmentPrice: decimal(order.shipping.netMinor), fulfilmentTaxPrice: decimal(order.shipping.taxMinor) },
    },
  });
  await fluent.graphql(`mutation($input: UpdateOrderInput) { updateOrder(input: $input) { id } }`, { input: { id: createOrder.id, status: order.status } });
  for (const [i, payment] of order.payments.entries()) {
    await fluent.graphql(`mutation($input: CreateFinancialTransactionInput) { createFinancialTransaction(input: $input) { id } }`, {
      input: { ref: `${order.ref}-PAY-${i + 1}`, type: 'PAYMENT', amount: decimal(payment.amountMinor), currency: 'EUR', paymentMethod: payment.method, order: { id: createOrder.id } },
    });
  }
  store.update('Order', createOrder.id, { createdOn: order.createdOn });
  return { id: createOrder.id, itemRefs: items.map((item) => item.ref) };
}

export interface SellerRefund {
  retailerId: string;
  ref: string;
  orderRef: string;
  billingAccountRef: string;
  issueDate: string;
  /** When Fluent got it (a refund issued after its order's cycle closed is created later than its issue date). */
  createdOn: string;
  lines: { type: 'CREDIT_MEMO_ITEM' | 'SHIPPING'; orderItemRef?: string; netMinor: number; taxMinor: number }[];
}

/** A credit memo of the seller's order, issued `issueDate` and created in Fluent at `createdOn`. */
export async function createSellerRefund(fluent: FluentClient, store: EntityStore, refund: SellerRefund): Promise<void> {
  const net = refund.lines.reduce((s, l) => s + l.netMinor, 0);
  const tax = refund.lines.reduce((s, l) => s + l.taxMinor, 0);
  await fluent.graphql(`mutation($input: CreateCreditMemoInput) { createCreditMemo(input: $input) { ref } }`, {
    input: {
      ref: refund.ref,
      type: 'CREDIT_MEMO',
      billingAccount: { ref: refund.billingAccountRef },
      order: { ref: refund.orderRef, retailer: { id: refund.retailerId } },
      items: refund.lines.map((line, i) => ({
        ref: `${refund.ref}-${i + 1}`,
        type: line.type,
        description: line.type === 'SHIPPING' ? 'Delivery' : 'Returned item',
        ...(line.orderItemRef && { orderItem: { ref: line.orderItemRef, order: { ref: refund.orderRef, retailer: { id: refund.retailerId } } } }),
        unitQuantity: { quantity: 1, unit: 'EA' },
        unitTaxType: { country: 'IE', group: 'VAT', tariff: '20' },
        unitAmount: amount(line.netMinor),
        amount: amount(line.netMinor),
        taxAmount: amount(line.taxMinor),
      })),
      issueDate: refund.issueDate,
      currency: { alphabeticCode: 'EUR' },
      defaultTaxType: { country: 'IE', group: 'VAT', tariff: '20' },
      subTotalAmount: amount(net),
      totalTax: amount(tax),
      totalAmount: amount(net + tax),
      totalBalance: amount(net + tax),
    },
  });
  const memo = store.byRef('CreditMemo', refund.ref);
  if (!memo) throw new Error(`credit memo ${refund.ref} was not stored`);
  store.update('CreditMemo', memo.id, { createdOn: refund.createdOn });
}
