/**
 * The one place where the emulator's SDL may differ from Fluent's 2020 SDL
 * (test/fixtures/fluent/schema-2020.graphql): things Fluent added later, per REFERENCE.md §4.2.
 * Key = `Type` (a whole new type) or `Type.field`; value = why it is allowed.
 * test/emulator/schema-compat.test.ts fails on anything else that differs, and on stale entries.
 */
export const SCHEMA_ADDITIONS: Readonly<Record<string, string>> = {
  FulfilmentLink: 'current Fluent links invoices to fulfilments [GQLDOC]; fields INFERRED {ref, order}',
  FulfilmentLinkInput: 'current Fluent input for that link [GQLDOC]; fields INFERRED {ref!, order} (REFERENCE §4.2)',
  'Invoice.fulfilment': 'added since 2020 [GQLDOC Invoice]',
  'CreateInvoiceInput.fulfilment': 'added since 2020 [GQLDOC CreateInvoiceInput]',
  'UpdateInvoiceInput.fulfilment': 'added since 2020 [GQLDOC UpdateInvoiceInput]',
  'BillingAccount.invoices': 'added since 2020 [GQLDOC BillingAccount]; arguments as documented there',
  Payment: 'current Fluent [GQLDOC object Payment]: ref, type, status, attributes, amount, retailer, billingAccount, financialTransaction, creditMemo as documented; orders, paymentTransactions, fulfilment not modelled',
  CreatePaymentInput: 'current Fluent [GQLDOC input CreatePaymentInput]; paymentTransactions and fulfilment not modelled',
  FinancialTransactionKey: 'named by CreatePaymentInput.financialTransaction [GQLDOC]; fields INFERRED {id!} (FinancialTransaction has no unique ref; updateFinancialTransaction takes id)',
  UpdatePaymentInput: 'current Fluent [GQLDOC input UpdatePaymentInput]: ref!, status, billingAccount, attributes',
  'Mutation.createPayment': 'current Fluent [GQLDOC mutation createPayment]; it raises CREATE on the PAYMENT',
  'Mutation.updatePayment': 'current Fluent [GQLDOC mutation updatePayment]',
  'Query.payment': 'current Fluent: payment(ref: ...) in Fluent\'s payment query example [payment-graphql-query-and-mutation]; argument type INFERRED String! like creditMemo(ref)',
};
