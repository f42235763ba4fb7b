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
  Payment: 'payments exist in current Fluent (BillingAccount.payments, CreditMemo.payments [GQLDOC]); fields INFERRED, the minimum a PAYMENT workflow entity needs',
  UpdatePaymentInput: 'INFERRED by analogy with UpdateCreditMemoInput {ref!, status, attributes}',
  'Mutation.updatePayment': 'INFERRED by analogy with updateCreditMemo; core.SetState on PAYMENT needs an update mutation',
};
