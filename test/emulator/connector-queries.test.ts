import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FluentClient } from '../../connector/core/ports/fluent-client.ts';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { loadCreditNote } from '../../connector/fetch/load-credit-note.ts';
import { loadInvoice } from '../../connector/fetch/load-invoice.ts';
import { FOLIO_QUERIES } from '../../connector/fetch/queries/index.ts';
import { fluentEventSchema } from '../../connector/fluent/event-model.ts';
import { emulatorSchema } from '../../scripts/emulator/graphql/executor.ts';
import { createBillingAccount, invoiceInput, money, startFluent, type TestFluent } from './helpers.ts';

/**
 * The emulator is only useful if the connector's real queries run against it: every document in
 * connector/fetch/queries must validate against the emulator's SDL and execute without errors.
 */
describe('the connector’s GraphQL queries against the emulator', () => {
  let fluent: TestFluent;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    fluent = await startFluent({ workflowsDir: '/nonexistent' });
    const { store } = fluent.emulator;
    const customer = await fluent.gql<{ createCustomer: { id: string } }>(
      `mutation { createCustomer(input: {username: "kim", firstName: "Kim", primaryEmail: "kim@example.com", timezone: "UTC", promotionOptIn: false, retailer: {id: 1}}) { id } }`,
    );
    const order = await fluent.gql<{ createOrder: { id: string; items: { edges: { node: { id: string } }[] } } }>(
      `mutation ($input: CreateOrderInput) { createOrder(input: $input) { id items { edges { node { id } } } } }`,
      {
        input: {
          ref: 'HD-Q', type: 'HD', retailer: { id: 1 }, customer: { id: customer.data!.createCustomer.id }, totalPrice: 22,
          fulfilmentChoice: { deliveryType: 'STANDARD', currency: 'AUD', fulfilmentPrice: 5, deliveryAddress: { ref: 'ADDR-1', name: 'Kim', street: '1 Main St', city: 'Sydney', country: 'AU' } },
          items: [{ ref: 'L1', productRef: 'SKU-1', quantity: 2, price: 11, currency: 'AUD' }],
        },
      },
    );
    ids.order = order.data!.createOrder.id;
    const warehouse = store.insert('Address', { __typename: 'StoreAddress', ref: 'DC-1', name: 'Warehouse', city: 'Melbourne' });
    const fulfilment = await fluent.gql<{ createFulfilment: { id: string } }>(
      `mutation ($o: ID!, $i: ID!, $from: ID!) { createFulfilment(input: {ref: "F-Q", type: "HD", order: {id: $o}, fromAddress: {id: $from}, items: [{ref: "FI", filledQuantity: 2, rejectedQuantity: 0, orderItem: {id: $i}}]}) { id } }`,
      { o: ids.order, i: order.data!.createOrder.items.edges[0]!.node.id, from: warehouse.id },
    );
    ids.fulfilment = fulfilment.data!.createFulfilment.id;
    // Articles, consignments and carriers have no create mutation in the emulator: tests seed the store.
    const carrier = store.insert('Carrier', { ref: 'AUSPOST', name: 'Australia Post', type: 'DEFAULT', status: 'ACTIVE' });
    const article = store.insert('Article', { ref: 'ART-1', name: 'Box', type: 'DEFAULT', status: 'CREATED', height: 1, length: 1, weight: 1, width: 1, workflowRef: 'ORDER::HD', workflowVersion: 1, fulfilmentIds: [ids.fulfilment] });
    store.insert('Consignment', { ref: 'CON-1', consignmentReference: 'TRACK-1', status: 'SHIPPED', carrierId: carrier.id, articleIds: [article.id], workflowRef: 'ORDER::HD', workflowVersion: 1 });

    await createBillingAccount(fluent, 'BA-Q');
    await fluent.gql(`mutation ($input: CreateInvoiceInput) { createInvoice(input: $input) { id } }`, { input: invoiceInput('INV-Q', 'BA-Q', { order: { ref: 'HD-Q', retailer: { id: 1 } } }) });
    await fluent.gql(`mutation ($input: CreateCreditMemoInput) { createCreditMemo(input: $input) { id } }`, {
      input: {
        ref: 'CM-Q', type: 'CREDIT_MEMO', billingAccount: { ref: 'BA-Q' }, invoice: { ref: 'INV-Q' }, issueDate: '2026-11-02T00:00:00Z',
        currency: { alphabeticCode: 'AUD' }, defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
        subTotalAmount: money(10), totalTax: money(1), totalAmount: money(11), totalBalance: money(11),
      },
    });
    const transaction = await fluent.gql<{ createFinancialTransaction: { id: string } }>(
      `mutation ($o: ID!) { createFinancialTransaction(input: {ref: "FT-Q", type: "PAYMENT", amount: 11, currency: "AUD", paymentMethod: "CARD", order: {id: $o}}) { id } }`,
      { o: ids.order },
    );
    await fluent.gql(`mutation ($input: CreatePaymentInput) { createPayment(input: $input) { id } }`, {
      input: { ref: 'PAY-Q', type: 'DEFAULT', retailer: { id: 1 }, amount: money(11), billingAccount: { ref: 'BA-Q' }, financialTransaction: { id: transaction.data!.createFinancialTransaction.id } },
    });
    await fluent.gql(`mutation ($input: CreateReturnOrderInput) { createReturnOrder(input: $input) { id } }`, {
      input: {
        ref: 'RO-Q', retailer: { id: 1 }, type: 'DEFAULT', customer: { ref: 'kim' }, order: { ref: 'HD-Q', retailer: { id: 1 } },
        currency: { alphabeticCode: 'AUD' }, defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
        subTotalAmount: money(10), totalTax: money(1), totalAmount: money(11),
        returnOrderItems: [{ ref: 'ROI', type: 'DEFAULT', product: { ref: 'SKU-1', catalogue: { ref: 'DEFAULT' } }, unitQuantity: { quantity: 1 }, unitAmount: money(10), itemTaxAmount: money(1), itemAmount: money(10) }],
      },
    });
  });
  afterAll(() => fluent.emulator.close());

  it.each(Object.keys(FOLIO_QUERIES))('%s validates against the emulator SDL', (name) => {
    const errors = validate(emulatorSchema(), parse(FOLIO_QUERIES[name as keyof typeof FOLIO_QUERIES]));
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  const variables: Record<keyof typeof FOLIO_QUERIES, () => Record<string, unknown>> = {
    invoice: () => ({ ref: 'INV-Q' }),
    billingParties: () => ({ customerRef: 'kim', orderRef: 'HD-Q', withCustomer: true, withOrder: true }),
    order: () => ({ ref: 'HD-Q' }),
    creditMemo: () => ({ ref: 'CM-Q' }),
    fulfilment: () => ({ id: ids.fulfilment }),
    returnOrder: () => ({ ref: 'RO-Q', retailerId: '1' }),
    packageInvoice: () => ({ ref: 'HD-Q' }),
    payment: () => ({ ref: 'PAY-Q' }),
  };

  it.each(Object.keys(FOLIO_QUERIES))('%s runs without errors and finds the seeded entity', async (name) => {
    const key = name as keyof typeof FOLIO_QUERIES;
    const result = await fluent.gql(FOLIO_QUERIES[key], variables[key]());
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data ?? {}).every((value) => value !== null)).toBe(true);
  });

  it('returns the nested shipping data the shipment note prints', async () => {
    const result = await fluent.gql<{ fulfilmentById: Record<string, any> }>(FOLIO_QUERIES.fulfilment, { id: ids.fulfilment });
    expect(result.data!.fulfilmentById).toMatchObject({
      fromAddress: { name: 'Warehouse', city: 'Melbourne' },
      order: { ref: 'HD-Q', customer: { ref: 'kim' } },
      articles: { edges: [{ node: { ref: 'ART-1', consignmentArticles: { edges: [{ node: { consignment: { consignmentReference: 'TRACK-1', carrier: { name: 'Australia Post' } } } }] } } }] },
    });
    const order = await fluent.gql<{ order: Record<string, any> }>(FOLIO_QUERIES.order, { ref: 'HD-Q' });
    expect(order.data!.order).toMatchObject({
      fulfilmentChoice: { deliveryType: 'STANDARD', fulfilmentPrice: 5, deliveryAddress: { name: 'Kim', city: 'Sydney' } },
      items: { edges: [{ node: { ref: 'L1', product: { name: 'SKU-1', ref: 'SKU-1' } } }] },
    });
  });

  /** The connector's own client over HTTP, recording each query's operation name. */
  function countingClient(): { client: FluentClient; operations: string[] } {
    const http = new FluentHttpClient({ baseUrl: fluent.emulator.url, accountId: fluent.emulator.accountId, credentials: fluent.emulator.credentials });
    const operations: string[] = [];
    const client: FluentClient = {
      graphql: (query, variables) => {
        operations.push(/query (\w+)/.exec(query)?.[1] ?? '?');
        return http.graphql(query, variables);
      },
      postEvent: (event) => http.postEvent(event),
    };
    return { client, operations };
  }
  const event = (entityType: string, entityRef: string) =>
    fluentEventSchema.parse({ id: `evt-${entityRef}`, name: 'FolioDocumentRequested', accountId: fluent.emulator.accountId, retailerId: '1', entityType, entityRef });

  it('loads an invoice in two round trips: the invoice, then its customer and order together', async () => {
    const account = await fluent.gql(`mutation ($input: CreateBillingAccountInput) { createBillingAccount(input: $input) { id } }`, {
      input: { ref: 'BA-KIM', type: 'CUSTOMER', name: 'Kim', retailer: { id: fluent.emulator.retailerId }, customer: { ref: 'kim' } },
    });
    expect(account.errors).toBeUndefined();
    await fluent.gql(`mutation ($input: CreateInvoiceInput) { createInvoice(input: $input) { id } }`, { input: invoiceInput('INV-KIM', 'BA-KIM', { order: { ref: 'HD-Q', retailer: { id: 1 } } }) });
    const { client, operations } = countingClient();
    const { invoice, customer, order } = await loadInvoice(client, event('INVOICE', 'INV-KIM'));
    expect(operations).toEqual(['FolioInvoice', 'FolioBillingParties']);
    expect(invoice.ref).toBe('INV-KIM');
    expect(customer).toMatchObject({ ref: 'kim', firstName: 'Kim', primaryEmail: 'kim@example.com' });
    expect(order).toMatchObject({ ref: 'HD-Q', items: { edges: [{ node: { ref: 'L1' } }] } });
    // The same order as its own query answers.
    expect(order).toEqual((await fluent.gql<{ order: unknown }>(FOLIO_QUERIES.order, { ref: 'HD-Q' })).data!.order);
  });

  it('asks only for the parties a billing document names, and fails a credit memo whose order Fluent lacks', async () => {
    // A customer and no order: only the customer is asked for.
    await fluent.gql(`mutation ($input: CreateInvoiceInput) { createInvoice(input: $input) { id } }`, { input: invoiceInput('INV-NO-ORDER', 'BA-KIM') });
    const first = countingClient();
    expect(await loadInvoice(first.client, event('INVOICE', 'INV-NO-ORDER'))).toMatchObject({ customer: { ref: 'kim' }, order: null });
    expect(first.operations).toEqual(['FolioInvoice', 'FolioBillingParties']);
    // Neither: no second request.
    await fluent.gql(`mutation ($input: CreateInvoiceInput) { createInvoice(input: $input) { id } }`, { input: invoiceInput('INV-NO-PARTIES', 'BA-Q') });
    const second = countingClient();
    expect(await loadInvoice(second.client, event('INVOICE', 'INV-NO-PARTIES'))).toMatchObject({ customer: null, order: null });
    expect(second.operations).toEqual(['FolioInvoice']);

    await fluent.gql(`mutation ($input: CreateCreditMemoInput) { createCreditMemo(input: $input) { id } }`, {
      input: {
        ref: 'CM-LOST-ORDER', type: 'CREDIT_MEMO', billingAccount: { ref: 'BA-KIM' }, invoice: { ref: 'INV-KIM' }, order: { ref: 'HD-GONE', retailer: { id: 1 } },
        issueDate: '2026-11-02T00:00:00Z', currency: { alphabeticCode: 'AUD' }, defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
        subTotalAmount: money(10), totalTax: money(1), totalAmount: money(11), totalBalance: money(11),
      },
    });
    await expect(loadCreditNote(second.client, event('CREDIT_MEMO', 'CM-LOST-ORDER'))).rejects.toThrow('order HD-GONE does not exist in Fluent');
  });
});
