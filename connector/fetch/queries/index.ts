import { BILLING_PARTIES_QUERY } from './billing-parties.ts';
import { CREDIT_MEMO_QUERY } from './credit-memo.ts';
import { FULFILMENT_QUERY } from './fulfilment.ts';
import { INVOICE_QUERY } from './invoice.ts';
import { ORDER_QUERY } from './order.ts';
import { PACKAGE_INVOICE_QUERY } from './package-invoice.ts';
import { PAYMENT_QUERY } from './payment.ts';
import { RETURN_ORDER_QUERY } from './return-order.ts';

/** Every query document Folio's own document kinds send, by name: each is checked against Fluent's SDL and run on the emulator. */
export const FOLIO_QUERIES = {
  invoice: INVOICE_QUERY,
  billingParties: BILLING_PARTIES_QUERY,
  order: ORDER_QUERY,
  creditMemo: CREDIT_MEMO_QUERY,
  fulfilment: FULFILMENT_QUERY,
  returnOrder: RETURN_ORDER_QUERY,
  packageInvoice: PACKAGE_INVOICE_QUERY,
  payment: PAYMENT_QUERY,
} as const satisfies Record<string, string>;
export type FolioQueryName = keyof typeof FOLIO_QUERIES;
