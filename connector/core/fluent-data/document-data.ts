import type { CreditMemoNode } from './credit-memo.ts';
import type { CustomerNode } from './customer.ts';
import type { FulfilmentNode } from './fulfilment.ts';
import type { InvoiceNode } from './invoice.ts';
import type { OrderNode } from './order.ts';
import type { PackageOrderNode } from './package-order.ts';
import type { ReturnOrderNode } from './return-order.ts';

/**
 * The Fluent data each built-in document is made from: what its loader (fetch/load-*.ts) returns and
 * its builder (build/<name>.ts) reads. Declared here so that neither step imports the other.
 */

/** An invoice or debit note: the invoice with its billing account's customer and its order. */
export interface InvoiceData {
  invoice: InvoiceNode;
  customer?: CustomerNode | null;
  order?: OrderNode | null;
}

/** An order confirmation: the order. */
export interface OrderData {
  order: OrderNode;
}

/** A payment receipt: the order and the payment it is the receipt of. */
export interface PaymentReceiptData extends OrderData {
  /** The FinancialTransaction this is the receipt of; none named: the order's latest settled payment. */
  paymentRef?: string | undefined;
  /** The billing account's Payment that asked for it: then the receipt belongs to that entity. */
  payment?: { id: string; ref: string };
}

/** A package invoice: the order with all its packages, and the package (fulfilment id) it is for. */
export interface PackageInvoiceData {
  order: PackageOrderNode;
  fulfilmentId: string;
}

/** A shipment note: the fulfilment (package). */
export interface ShipmentNoteData {
  fulfilment: FulfilmentNode;
}

/** A credit note: the credit memo, its buyer, and the order whose payments the credit goes back to. */
export interface CreditNoteData {
  creditMemo: CreditMemoNode;
  customer?: CustomerNode | null;
  order?: OrderNode | null;
}

/** A return confirmation: the return order, and the original order (product names, buyer, payments). */
export interface ReturnConfirmationData {
  returnOrder: ReturnOrderNode;
  order?: OrderNode | null;
}
