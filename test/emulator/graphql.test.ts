import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingAccount, createInvoice, invoiceInput, money, startFluent, type TestFluent } from './helpers.ts';

describe('emulator GraphQL (POST /graphql)', () => {
  let fluent: TestFluent;
  beforeAll(async () => {
    // An empty workflows directory: these tests are about data, not orchestration.
    fluent = await startFluent({ workflowsDir: '/nonexistent' });
  });
  afterAll(() => fluent.emulator.close());

  it('creates customer, billing account, order and invoice and reads the invoice back with its links', async () => {
    const customer = await fluent.gql<{ createCustomer: { id: string; ref: string } }>(
      `mutation ($input: CreateCustomerInput) { createCustomer(input: $input) { id ref status } }`,
      { input: { username: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', primaryEmail: 'jane@example.com', timezone: 'Australia/Sydney', promotionOptIn: false, retailer: { id: '1' } } },
    );
    expect(customer.errors).toBeUndefined();
    const customerId = customer.data!.createCustomer.id;
    const account = await fluent.gql(
      `mutation ($input: CreateBillingAccountInput) { createBillingAccount(input: $input) { ref status type workflow { ref version } } }`,
      { input: { ref: 'BA-1', type: 'CUSTOMER', name: 'Jane Doe', retailer: { id: 1 }, customer: { ref: 'jane@example.com' }, address: { street: '1 George St', city: 'Sydney', postcode: '2000', country: 'AU' } } },
    );
    expect(account).toEqual({ data: { createBillingAccount: { ref: 'BA-1', status: 'CREATED', type: 'CUSTOMER', workflow: { ref: 'BILLING_ACCOUNT::CUSTOMER', version: 1 } } } });
    const order = await fluent.gql<{ createOrder: { id: string } }>(
      `mutation ($input: CreateOrderInput) { createOrder(input: $input) { id ref status workflowRef } }`,
      { input: { ref: 'HD-1', type: 'HD', retailer: { id: 1 }, customer: { id: customerId }, totalPrice: 110, items: [{ ref: 'L1', productRef: 'SKU-1', quantity: 2, price: 50, paidPrice: 50, currency: 'AUD' }] } },
    );
    expect(order.errors).toBeUndefined();
    expect(order.data!.createOrder).toMatchObject({ ref: 'HD-1', status: 'CREATED', workflowRef: 'ORDER::HD' });
    const invoice = await fluent.gql(`mutation ($input: CreateInvoiceInput) { createInvoice(input: $input) { ref status createdOn } }`, {
      input: invoiceInput('INV-1', 'BA-1', { order: { ref: 'HD-1', retailer: { id: 1 } } }),
    });
    expect(invoice.errors).toBeUndefined();

    const read = await fluent.gql<Record<string, any>>(
      `query ($ref: String!) {
        invoice(ref: $ref) {
          id ref type status issueDate currency { alphabeticCode } totalAmount { amount scale unscaledValue }
          defaultTaxType { country group tariff } workflow { ref version }
          items { edges { node { ref description unitQuantity { quantity } amount { amount } invoice { ref } } } pageInfo { hasNextPage } }
          billingAccount { ref name address { city } customer { ref } }
          order { ref retailer { id } }
        }
        customer(ref: "jane@example.com") { id firstName retailer { id } }
        order(ref: "HD-1") { id customer { ref } retailer { id } items { edges { node { ref quantity status product { name } } } } }
      }`,
      { ref: 'INV-1' },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.invoice).toMatchObject({
      ref: 'INV-1',
      type: 'INVOICE',
      status: 'CREATED',
      currency: { alphabeticCode: 'AUD' },
      totalAmount: { amount: 110, scale: 2, unscaledValue: 11000 },
      defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
      workflow: { ref: 'BILLING_ACCOUNT::CUSTOMER', version: 1 },
      items: { edges: [{ node: { ref: 'INV-1-1', description: 'Widget', unitQuantity: { quantity: 2 }, amount: { amount: 100 }, invoice: { ref: 'INV-1' } } }], pageInfo: { hasNextPage: false } },
      billingAccount: { ref: 'BA-1', name: 'Jane Doe', address: { city: 'Sydney' }, customer: { ref: 'jane@example.com' } },
      order: { ref: 'HD-1', retailer: { id: '1' } },
    });
    expect(read.data!.customer).toMatchObject({ id: customerId, firstName: 'Jane', retailer: { id: '1' } });
    expect(read.data!.order).toMatchObject({ customer: { ref: 'jane@example.com' }, retailer: { id: '1' }, items: { edges: [{ node: { ref: 'L1', quantity: 2, status: 'CREATED', product: { name: 'SKU-1' } } }] } });
  });

  it('upserts attributes by name on update (same name replaced, new name appended)', async () => {
    await createBillingAccount(fluent, 'BA-ATTR');
    await createInvoice(fluent, 'INV-ATTR', 'BA-ATTR');
    const update = (attributes: unknown[]) =>
      fluent.gql(`mutation ($input: UpdateInvoiceInput) { updateInvoice(input: $input) { attributes { name type value } } }`, {
        input: { ref: 'INV-ATTR', attributes },
      });
    await update([{ name: 'folioViewUrl', type: 'STRING', value: 'https://a' }, { name: 'folioStorage', type: 'JSON', value: { blob: 'x' } }]);
    const result = await update([{ name: 'folioViewUrl', type: 'STRING', value: 'https://b' }, { name: 'folioSha256', type: 'STRING', value: 'abc' }]);
    expect(result).toEqual({
      data: {
        updateInvoice: {
          attributes: [
            { name: 'folioViewUrl', type: 'STRING', value: 'https://b' },
            { name: 'folioStorage', type: 'JSON', value: { blob: 'x' } },
            { name: 'folioSha256', type: 'STRING', value: 'abc' },
          ],
        },
      },
    });
  });

  it('updates invoice items by ref and order items by id, and refuses unknown ones', async () => {
    await createBillingAccount(fluent, 'BA-ITEMS');
    await createInvoice(fluent, 'INV-ITEMS', 'BA-ITEMS');
    const updated = await fluent.gql(
      `mutation { updateInvoice(input: {ref: "INV-ITEMS", status: "PAID", items: [{ref: "INV-ITEMS-1", description: "Gadget"}]}) { status items { edges { node { description } } } } }`,
    );
    expect(updated).toEqual({ data: { updateInvoice: { status: 'PAID', items: { edges: [{ node: { description: 'Gadget' } }] } } } });
    const unknown = await fluent.gql(`mutation { updateInvoice(input: {ref: "INV-ITEMS", items: [{ref: "nope"}]}) { ref } }`);
    expect(unknown.errors?.[0]?.message).toMatch(/InvoiceItem ref nope not found/);
  });

  it('reports errors the GraphQL way: HTTP 200 with errors[].message', async () => {
    const response = await fluent.post('/graphql', { query: `mutation ($input: CreateInvoiceInput) { createInvoice(input: $input) { ref } }`, variables: { input: invoiceInput('INV-X', 'NO-SUCH-ACCOUNT') } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: unknown; errors: { message: string }[] };
    expect(body.errors[0]?.message).toBe('BillingAccount NO-SUCH-ACCOUNT not found');
    expect(body.data).toEqual({ createInvoice: null });

    const invalid = await fluent.gql(`{ invoice(ref: "x") { noSuchField } }`);
    expect(invalid.errors?.[0]?.message).toMatch(/Cannot query field "noSuchField"/);
    const missingRequired = await fluent.gql(`mutation { createBillingAccount(input: {ref: "BA-Z", type: "CUSTOMER"}) { ref } }`);
    expect(missingRequired.errors?.[0]?.message).toMatch(/name/);
    await createBillingAccount(fluent, 'BA-DUP');
    const duplicate = await fluent.gql(`mutation { createBillingAccount(input: {ref: "BA-DUP", type: "CUSTOMER", name: "x", retailer: {id: 1}}) { ref } }`);
    expect(duplicate.errors?.[0]?.message).toBe('BillingAccount BA-DUP already exists');
    const tooLong = await fluent.gql(`mutation ($ref: String!) { createBillingAccount(input: {ref: $ref, type: "CUSTOMER", name: "x", retailer: {id: 1}}) { ref } }`, { ref: 'R'.repeat(101) });
    expect(tooLong.errors?.[0]?.message).toMatch(/^ref: /);
    const badBody = await fluent.post('/graphql', { variables: {} });
    expect(badBody.status).toBe(400);
  });

  it('filters and pages connections Relay-style', async () => {
    await createBillingAccount(fluent, 'BA-PAGE');
    for (const n of [1, 2, 3]) await createInvoice(fluent, `PAGE-${n}`, 'BA-PAGE');
    type Page = { billingAccount: { invoices: { edges: { node: { ref: string }; cursor: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean } } } };
    const page = (after?: string) =>
      fluent.gql<Page>(`query ($after: String) { billingAccount(ref: "BA-PAGE") { invoices(first: 2, after: $after) { edges { node { ref } cursor } pageInfo { hasNextPage hasPreviousPage } } } }`, { after });
    const first = (await page()).data!.billingAccount.invoices;
    expect(first.edges.map((e) => e.node.ref)).toEqual(['PAGE-1', 'PAGE-2']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    const second = (await page(first.edges[1]!.cursor)).data!.billingAccount.invoices;
    expect(second.edges.map((e) => e.node.ref)).toEqual(['PAGE-3']);
    expect(second.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const filtered = await fluent.gql(`{ invoices(ref: ["PAGE-2", "PAGE-3"], status: ["CREATED"], createdOn: {from: "2000-01-01T00:00:00Z"}) { edges { node { ref } } } }`);
    expect(filtered).toEqual({ data: { invoices: { edges: [{ node: { ref: 'PAGE-2' } }, { node: { ref: 'PAGE-3' } }] } } });
  });

  it('creates and updates credit memos against an invoice', async () => {
    await createBillingAccount(fluent, 'BA-CM');
    await createInvoice(fluent, 'INV-CM', 'BA-CM');
    const created = await fluent.gql(
      `mutation ($input: CreateCreditMemoInput) { createCreditMemo(input: $input) { ref status invoice { ref } billingAccount { ref } items { edges { node { ref creditReasonCode { value } } } } } }`,
      {
        input: {
          ref: 'CM-1', type: 'CREDIT_MEMO', billingAccount: { ref: 'BA-CM' }, invoice: { ref: 'INV-CM' }, issueDate: '2026-11-02T00:00:00Z',
          currency: { alphabeticCode: 'AUD' }, defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
          subTotalAmount: money(10), totalTax: money(1), totalAmount: money(11), totalBalance: money(11),
          items: [{ ref: 'CM-1-1', type: 'CREDIT_MEMO_ITEM', creditReasonCode: { value: 'DAMAGED' }, unitQuantity: { quantity: 1 }, unitAmount: money(10), amount: money(10), taxAmount: money(1) }],
        },
      },
    );
    expect(created).toEqual({ data: { createCreditMemo: { ref: 'CM-1', status: 'CREATED', invoice: { ref: 'INV-CM' }, billingAccount: { ref: 'BA-CM' }, items: { edges: [{ node: { ref: 'CM-1-1', creditReasonCode: { value: 'DAMAGED' } } }] } } } });
    const updated = await fluent.gql(`mutation { updateCreditMemo(input: {ref: "CM-1", status: "ISSUED", attributes: [{name: "a", type: "STRING", value: "1"}]}) { status attributes { name value } } }`);
    expect(updated).toEqual({ data: { updateCreditMemo: { status: 'ISSUED', attributes: [{ name: 'a', value: '1' }] } } });
    const viaInvoice = await fluent.gql(`{ invoice(ref: "INV-CM") { creditMemos { ref } } creditMemoes(ref: ["CM-1"]) { edges { node { ref } } } }`);
    expect(viaInvoice).toEqual({ data: { invoice: { creditMemos: [{ ref: 'CM-1' }] }, creditMemoes: { edges: [{ node: { ref: 'CM-1' } }] } } });
  });

  it('creates fulfilments, payments and return orders against an order', async () => {
    const customer = await fluent.gql<{ createCustomer: { id: string } }>(
      `mutation { createCustomer(input: {username: "sam", firstName: "Sam", primaryEmail: "sam@example.com", timezone: "UTC", promotionOptIn: true, retailer: {id: 1}}) { id } }`,
    );
    const order = await fluent.gql<{ createOrder: { id: string; items: { edges: { node: { id: string } }[] } } }>(
      `mutation ($c: ID!) { createOrder(input: {ref: "CC-9", type: "CC", retailer: {id: 1}, customer: {id: $c}, items: [{ref: "A", productRef: "P1", quantity: 1}]}) { id items { edges { node { id } } } } }`,
      { c: customer.data!.createCustomer.id },
    );
    const orderId = order.data!.createOrder.id;
    const orderItemId = order.data!.createOrder.items.edges[0]!.node.id;
    const fulfilment = await fluent.gql<{ createFulfilment: { id: string } }>(
      `mutation ($o: ID!, $i: ID!) { createFulfilment(input: {ref: "F1", type: "HD_PICK", order: {id: $o}, items: [{ref: "FI1", filledQuantity: 1, rejectedQuantity: 0, orderItem: {id: $i}}]}) { id status workflowRef order { ref } items { edges { node { ref orderItem { ref } } } } } }`,
      { o: orderId, i: orderItemId },
    );
    expect(fulfilment.data!.createFulfilment).toMatchObject({ status: 'CREATED', workflowRef: 'ORDER::CC', order: { ref: 'CC-9' }, items: { edges: [{ node: { ref: 'FI1', orderItem: { ref: 'A' } } }] } });
    const updated = await fluent.gql(`mutation ($id: ID!) { updateFulfilment(input: {id: $id, status: "COMPLETE", attributes: [{name: "x", type: "STRING", value: "y"}]}) { status attributes { name } } }`, { id: fulfilment.data!.createFulfilment.id });
    expect(updated).toEqual({ data: { updateFulfilment: { status: 'COMPLETE', attributes: [{ name: 'x' }] } } });
    const read = await fluent.gql(`query ($id: ID!) { fulfilmentById(id: $id) { ref status } }`, { id: fulfilment.data!.createFulfilment.id });
    expect(read).toEqual({ data: { fulfilmentById: { ref: 'F1', status: 'COMPLETE' } } });

    const payment = await fluent.gql(`mutation ($o: ID!) { createFinancialTransaction(input: {ref: "FT1", type: "PAYMENT", amount: 12.5, currency: "AUD", paymentMethod: "VISA", paymentProvider: "STRIPE", order: {id: $o}}) { total paymentProviderName order { ref } } }`, { o: orderId });
    expect(payment).toEqual({ data: { createFinancialTransaction: { total: 12.5, paymentProviderName: 'STRIPE', order: { ref: 'CC-9' } } } });
    const viaOrder = await fluent.gql(`query ($id: ID!) { orderById(id: $id) { financialTransactions { edges { node { ref } } } fulfilments { edges { node { ref } } } } }`, { id: orderId });
    expect(viaOrder).toEqual({ data: { orderById: { financialTransactions: { edges: [{ node: { ref: 'FT1' } }] }, fulfilments: { edges: [{ node: { ref: 'F1' } }] } } } });

    const returnOrder = await fluent.gql(
      `mutation ($input: CreateReturnOrderInput) { createReturnOrder(input: $input) { ref status workflow { ref } returnOrderItems { edges { node { ref status } } } } }`,
      {
        input: {
          ref: 'RO-1', retailer: { id: 1 }, type: 'DEFAULT', customer: { ref: 'sam' }, order: { ref: 'CC-9', retailer: { id: 1 } },
          currency: { alphabeticCode: 'AUD' }, defaultTaxType: { country: 'AU', group: 'STANDARD', tariff: 'GST' },
          subTotalAmount: money(10), totalTax: money(1), totalAmount: money(11),
          returnOrderItems: [{ ref: 'ROI-1', type: 'DEFAULT', product: { ref: 'P1', catalogue: { ref: 'DEFAULT' } }, unitQuantity: { quantity: 1 }, unitAmount: money(10), itemTaxAmount: money(1), itemAmount: money(10) }],
        },
      },
    );
    expect(returnOrder).toEqual({ data: { createReturnOrder: { ref: 'RO-1', status: 'CREATED', workflow: { ref: 'RETURN_ORDER::DEFAULT' }, returnOrderItems: { edges: [{ node: { ref: 'ROI-1', status: 'CREATED' } }] } } } });
    const wrongRetailer = await fluent.gql(`mutation { updateReturnOrder(input: {ref: "RO-1", retailer: {id: 2}, status: "X"}) { ref } }`);
    expect(wrongRetailer.errors?.[0]?.message).toMatch(/ReturnOrder RO-1 of retailer 2 not found/);
    const byKey = await fluent.gql(`mutation { updateReturnOrder(input: {ref: "RO-1", retailer: {id: 1}, status: "RECEIVED"}) { status } } `);
    expect(byKey).toEqual({ data: { updateReturnOrder: { status: 'RECEIVED' } } });
    const query = await fluent.gql(`{ returnOrder(ref: "RO-1", retailer: {id: 1}) { status } }`);
    expect(query).toEqual({ data: { returnOrder: { status: 'RECEIVED' } } });
  });

  it('stores settings and finds them by name and context', async () => {
    const created = await fluent.gql<{ createSetting: { id: string } }>(
      `mutation { createSetting(input: {name: "folio.webhook", valueType: "JSON", lobValue: {name: "FolioDocumentRequested", url: "http://x"}, context: "RETAILER", contextId: 1}) { id lobValue } }`,
    );
    expect(created.data!.createSetting).toMatchObject({ lobValue: { name: 'FolioDocumentRequested', url: 'http://x' } });
    const updated = await fluent.gql(`mutation ($id: ID!) { updateSetting(input: {id: $id, valueType: "STRING", value: "v2", context: "RETAILER", contextId: 1}) { name value valueType } }`, { id: created.data!.createSetting.id });
    expect(updated).toEqual({ data: { updateSetting: { name: 'folio.webhook', value: 'v2', valueType: 'STRING' } } });
    const found = await fluent.gql(`{ settings(name: ["folio.webhook"], context: ["RETAILER"], contextId: [1]) { edges { node { name value } } } }`);
    expect(found).toEqual({ data: { settings: { edges: [{ node: { name: 'folio.webhook', value: 'v2' } }] } } });
    const badType = await fluent.gql(`mutation { createSetting(input: {name: "x", valueType: "XML", context: "ACCOUNT", contextId: 0}) { id } }`);
    expect(badType.errors?.[0]?.message).toMatch(/valueType/);
  });
});
