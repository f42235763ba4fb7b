import { z } from 'zod';
import { invoiceNodeSchema } from '../../core/fluent-data/invoice.ts';
import { ADDRESS_FIELDS, AMOUNT_FIELDS, ATTRIBUTE_FIELDS, TAX_TYPE_FIELDS } from './common.ts';

/** What Invoice and CreditMemo share: their header, billing account and totals. */
export const BILLING_HEADER_FIELDS = `
  id
  ref
  type
  status
  issueDate
  currency { alphabeticCode }
  defaultTaxType ${TAX_TYPE_FIELDS}
  subTotalAmount ${AMOUNT_FIELDS}
  totalTax ${AMOUNT_FIELDS}
  totalAmount ${AMOUNT_FIELDS}
  totalBalance ${AMOUNT_FIELDS}
  attributes ${ATTRIBUTE_FIELDS}
  billingAccount {
    ref
    type
    name
    address { ${ADDRESS_FIELDS} }
    attributes ${ATTRIBUTE_FIELDS}
    customer { ref }
  }
  order { ref }
`;

/** InvoiceItem and CreditMemoItem share these money fields. */
export const BILLING_ITEM_FIELDS = `
  ref
  type
  description
  product { ref }
  unitQuantity { quantity unit }
  unitTaxType ${TAX_TYPE_FIELDS}
  unitAmount ${AMOUNT_FIELDS}
  amount ${AMOUNT_FIELDS}
  taxAmount ${AMOUNT_FIELDS}
`;

/**
 * An invoice by ref, with what an invoice document prints. Every field is checked against the 2020
 * SDL by test/compose/queries-validate.test.ts. Invoice.fulfilment is newer than that SDL, so it is not
 * asked for here (per-package invoices read the fulfilment from their own query).
 */
export const INVOICE_QUERY = /* GraphQL */ `
  query FolioInvoice($ref: String!) {
    invoice(ref: $ref) {
      ${BILLING_HEADER_FIELDS}
      dueDate
      items(first: 500) { pageInfo { hasNextPage } edges { node { ${BILLING_ITEM_FIELDS} } } }
    }
  }
`;

/** `invoice` is nullable: an unknown ref answers null, which the loader reports as a PermanentError. */
export const invoiceQueryResultSchema = z.object({ invoice: invoiceNodeSchema.nullish() });
