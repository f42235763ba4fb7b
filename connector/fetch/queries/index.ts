import { CREDIT_MEMO_QUERY } from './credit-memo.ts';
import { CUSTOMER_QUERY } from './customer.ts';
import { FULFILMENT_QUERY } from './fulfilment.ts';
import { INVOICE_QUERY } from './invoice.ts';
import { ORDER_QUERY } from './order.ts';
import { PACKAGE_INVOICE_QUERY } from './package-invoice.ts';
import { PAYMENT_QUERY } from './payment.ts';
import { RETURN_ORDER_QUERY } from './return-order.ts';

/** Every query document Folio sends, by name: custom documents name one of these as their query. */
export const FOLIO_QUERIES = {
  invoice: INVOICE_QUERY,
  customer: CUSTOMER_QUERY,
  order: ORDER_QUERY,
  creditMemo: CREDIT_MEMO_QUERY,
  fulfilment: FULFILMENT_QUERY,
  returnOrder: RETURN_ORDER_QUERY,
  packageInvoice: PACKAGE_INVOICE_QUERY,
  payment: PAYMENT_QUERY,
} as const satisfies Record<string, string>;
export type FolioQueryName = keyof typeof FOLIO_QUERIES;
