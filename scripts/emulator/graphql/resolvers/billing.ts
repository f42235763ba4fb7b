import type { ResolverMap } from '../context.ts';
import { checkLimits } from '../limits.ts';
import { applyUpdate, assertUnique, columnsFrom, insertChildren, required, requireRetailer, updateChildren } from '../rows.ts';

/** Billing accounts, invoices, credit memos and payments; all but accounts' parents are addressed by ref. */
export const billingResolvers: ResolverMap = {
  Query: {
    payment: (_, { ref }, { store }) => store.byRef('Payment', ref),
  },
  // A payment's links follow stored ids, like links.ts does for the other billing entities.
  Payment: {
    billingAccount: (parent, _args, { store }) => store.get('BillingAccount', parent.billingAccountId),
    financialTransaction: (parent, _args, { store }) => store.get('FinancialTransaction', parent.financialTransactionId),
    creditMemo: (parent, _args, { store }) => store.get('CreditMemo', parent.creditMemoId),
  },
  Mutation: {
    createBillingAccount: (_, { input }, { store, created }) => {
      checkLimits(input);
      assertUnique(store.byRef('BillingAccount', input.ref), `BillingAccount ${input.ref}`);
      requireRetailer(store, input.retailer);
      if (input.customer) required(store.byRef('Customer', input.customer.ref), `Customer ${input.customer.ref}`);
      const row = store.insert('BillingAccount', { ...columnsFrom(input), status: 'CREATED' });
      created('BILLING_ACCOUNT', row);
      return row;
    },
    updateBillingAccount: (_, { input }, { store }) => {
      checkLimits(input);
      const row = required(store.byRef('BillingAccount', input.ref), `BillingAccount ${input.ref}`);
      return applyUpdate(store, 'BillingAccount', row, input, ['ref']);
    },
    createInvoice: (_, { input }, { store, created }) => {
      checkLimits(input);
      assertUnique(store.byRef('Invoice', input.ref), `Invoice ${input.ref}`);
      const account = required(store.byRef('BillingAccount', input.billingAccount.ref), `BillingAccount ${input.billingAccount.ref}`);
      const row = store.insert('Invoice', {
        ...columnsFrom(input, ['billingAccount', 'items']),
        billingAccountId: account.id,
        status: 'CREATED',
      });
      insertChildren(store, 'InvoiceItem', { invoiceId: row.id }, input.items);
      created('INVOICE', row);
      return row;
    },
    updateInvoice: (_, { input }, { store }) => {
      checkLimits(input);
      const row = required(store.byRef('Invoice', input.ref), `Invoice ${input.ref}`);
      updateChildren(store, 'InvoiceItem', store.listBy('InvoiceItem', 'invoiceId', row.id), input.items, 'ref');
      return applyUpdate(store, 'Invoice', row, input, ['ref', 'items']);
    },
    createCreditMemo: (_, { input }, { store, created }) => {
      checkLimits(input);
      assertUnique(store.byRef('CreditMemo', input.ref), `CreditMemo ${input.ref}`);
      const account = required(store.byRef('BillingAccount', input.billingAccount.ref), `BillingAccount ${input.billingAccount.ref}`);
      const invoice = input.invoice ? required(store.byRef('Invoice', input.invoice.ref), `Invoice ${input.invoice.ref}`) : undefined;
      const row = store.insert('CreditMemo', {
        ...columnsFrom(input, ['billingAccount', 'invoice', 'items']),
        billingAccountId: account.id,
        invoiceId: invoice?.id,
        status: 'CREATED',
      });
      insertChildren(store, 'CreditMemoItem', { creditMemoId: row.id }, input.items);
      created('CREDIT_MEMO', row);
      return row;
    },
    updateCreditMemo: (_, { input }, { store }) => {
      checkLimits(input);
      const row = required(store.byRef('CreditMemo', input.ref), `CreditMemo ${input.ref}`);
      updateChildren(store, 'CreditMemoItem', store.listBy('CreditMemoItem', 'creditMemoId', row.id), input.items, 'ref');
      return applyUpdate(store, 'CreditMemo', row, input, ['ref', 'items']);
    },
    // Fluent: "If the Payment is successfully created, a CREATE event will be generate[d]" (graphql/docs createPayment).
    createPayment: (_, { input }, { store, created }) => {
      checkLimits(input);
      assertUnique(store.byRef('Payment', input.ref), `Payment ${input.ref}`);
      const retailer = requireRetailer(store, input.retailer);
      const account = input.billingAccount ? required(store.byRef('BillingAccount', input.billingAccount.ref), `BillingAccount ${input.billingAccount.ref}`) : undefined;
      const transaction = input.financialTransaction
        ? required(store.get('FinancialTransaction', input.financialTransaction.id), `FinancialTransaction ${input.financialTransaction.id}`)
        : undefined;
      const memo = input.creditMemo ? required(store.byRef('CreditMemo', input.creditMemo.ref), `CreditMemo ${input.creditMemo.ref}`) : undefined;
      const row = store.insert('Payment', {
        ...columnsFrom(input, ['retailer', 'billingAccount', 'financialTransaction', 'creditMemo']),
        retailer: { id: retailer.id },
        billingAccountId: account?.id,
        financialTransactionId: transaction?.id,
        creditMemoId: memo?.id,
        status: input.status ?? 'CREATED',
      });
      created('PAYMENT', row);
      return row;
    },
    updatePayment: (_, { input }, { store }) => {
      checkLimits(input);
      const row = required(store.byRef('Payment', input.ref), `Payment ${input.ref}`);
      if (input.billingAccount) {
        const account = required(store.byRef('BillingAccount', input.billingAccount.ref), `BillingAccount ${input.billingAccount.ref}`);
        store.update('Payment', row.id, { billingAccountId: account.id });
      }
      return applyUpdate(store, 'Payment', row, input, ['ref', 'billingAccount']);
    },
  },
};
