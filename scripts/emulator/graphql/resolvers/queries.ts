import { connection } from '../connection.ts';
import type { ResolverMap } from '../context.ts';

/** Root queries: single entities by ref or id, lists as filtered connections. */
export const queryResolvers: ResolverMap = {
  Query: {
    invoice: (_, { ref }, { store }) => store.byRef('Invoice', ref),
    invoices: (_, args, { store }) => connection(store.list('Invoice'), args),
    invoiceItem: (_, { ref }, { store }) => store.byRef('InvoiceItem', ref),
    creditMemo: (_, { ref }, { store }) => store.byRef('CreditMemo', ref),
    creditMemoes: (_, args, { store }) => connection(store.list('CreditMemo'), args),
    creditMemoItem: (_, { ref }, { store }) => store.byRef('CreditMemoItem', ref),
    billingAccount: (_, { ref }, { store }) => store.byRef('BillingAccount', ref),
    billingAccounts: (_, args, { store }) => connection(store.list('BillingAccount'), args),
    order: (_, { id, ref }, { store }) =>
      id !== undefined && id !== null ? store.get('Order', id) : ref ? store.byRef('Order', ref) : undefined,
    orderById: (_, { id }, { store }) => store.get('Order', id),
    orders: (_, args, { store }) => connection(store.list('Order'), args),
    customer: (_, { ref }, { store }) => store.byRef('Customer', ref),
    customerById: (_, { id }, { store }) => store.get('Customer', id),
    customerAddressById: (_, { id }, { store }) => store.find('Address', (row) => row.id === String(id) && row.__typename === 'CustomerAddress'),
    fulfilmentById: (_, { id }, { store }) => store.get('Fulfilment', id),
    fulfilments: (_, args, { store }) => connection(store.list('Fulfilment'), args),
    articleById: (_, { id }, { store }) => store.get('Article', id),
    consignmentById: (_, { id }, { store }) => store.get('Consignment', id),
    returnOrder: (_, { ref, retailer }, { store }) =>
      store.listBy('ReturnOrder', 'ref', ref).find((row) => String((row.retailer as { id?: unknown })?.id) === String(retailer.id)),
    setting: (_, { id }, { store }) => store.get('Setting', id),
    settings: (_, args, { store }) => connection(store.list('Setting'), args),
  },
};
