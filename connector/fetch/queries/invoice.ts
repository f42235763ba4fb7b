import { z } from 'zod';
import type { DocumentContext } from '../../build/context.ts';
import type { CustomerNode } from './customer.ts';
import type { OrderNode } from './order.ts';
import {
  ADDRESS_FIELDS,
  AMOUNT_FIELDS,
  ATTRIBUTE_FIELDS,
  TAX_TYPE_FIELDS,
  addressFieldsSchema,
  amountTypeSchema,
  attributesSchema,
  connectionSchema,
  idSchema,
  quantityTypeSchema,
  taxTypeSchema,
} from './common.ts';

/**
 * An invoice by ref, with what an invoice document prints. Every field is checked against the 2020
 * SDL by test/build/queries-validate.test.ts. Invoice.fulfilment is newer than that SDL, so it is not
 * asked for here (per-package invoices read the fulfilment from their own query).
 */
export const INVOICE_QUERY = /* GraphQL */ `
  query FolioInvoice($ref: String!) {
    invoice(ref: $ref) {
      id
      ref
      type
      status
      issueDate
      dueDate
      currency { alphabeticCode }
      defaultTaxType ${TAX_TYPE_FIELDS}
      subTotalAmount ${AMOUNT_FIELDS}
      totalTax ${AMOUNT_FIELDS}
      totalAmount ${AMOUNT_FIELDS}
      totalBalance ${AMOUNT_FIELDS}
      attributes ${ATTRIBUTE_FIELDS}
      items(first: 500) {
        pageInfo { hasNextPage }
        edges {
          node {
            ref
            type
            description
            product { ref }
            unitQuantity { quantity unit }
            unitTaxType ${TAX_TYPE_FIELDS}
            unitAmount ${AMOUNT_FIELDS}
            amount ${AMOUNT_FIELDS}
            taxAmount ${AMOUNT_FIELDS}
          }
        }
      }
      billingAccount {
        ref
        type
        name
        address { ${ADDRESS_FIELDS} }
        attributes ${ATTRIBUTE_FIELDS}
        customer { ref }
      }
      order { ref }
    }
  }
`;

/** InvoiceItem / CreditMemoItem share these money fields. */
export const billingItemFields = {
  ref: z.string(),
  type: z.string().nullish(),
  description: z.string().nullish(),
  product: z.object({ ref: z.string().nullish() }).nullish(),
  unitQuantity: quantityTypeSchema.nullish(),
  unitTaxType: taxTypeSchema.nullish(),
  unitAmount: amountTypeSchema.nullish(),
  amount: amountTypeSchema.nullish(),
  taxAmount: amountTypeSchema.nullish(),
};

export const invoiceItemSchema = z.object(billingItemFields);
export type InvoiceItemNode = z.infer<typeof invoiceItemSchema>;

export const billingAccountSchema = z.object({
  ref: z.string(),
  type: z.string().nullish(),
  name: z.string().nullish(),
  address: addressFieldsSchema.nullish(),
  attributes: attributesSchema,
  customer: z.object({ ref: z.string().nullish() }).nullish(),
});
export type BillingAccountNode = z.infer<typeof billingAccountSchema>;

/** Header fields shared by Invoice and CreditMemo. */
export const billingHeaderFields = {
  id: idSchema,
  ref: z.string(),
  type: z.string().nullish(),
  status: z.string().nullish(),
  issueDate: z.string().nullish(),
  currency: z.object({ alphabeticCode: z.string().nullish() }).nullish(),
  defaultTaxType: taxTypeSchema.nullish(),
  subTotalAmount: amountTypeSchema.nullish(),
  totalTax: amountTypeSchema.nullish(),
  totalAmount: amountTypeSchema.nullish(),
  totalBalance: amountTypeSchema.nullish(),
  attributes: attributesSchema,
  billingAccount: billingAccountSchema.nullish(),
  order: z.object({ ref: z.string().nullish() }).nullish(),
};

export const invoiceNodeSchema = z.object({
  ...billingHeaderFields,
  dueDate: z.string().nullish(),
  items: connectionSchema(invoiceItemSchema),
});
export type InvoiceNode = z.infer<typeof invoiceNodeSchema>;

/** `invoice` is nullable: an unknown ref answers null, which the builder reports as a PermanentError. */
export const invoiceQueryResultSchema = z.object({ invoice: invoiceNodeSchema.nullish() });
export type InvoiceQueryResult = z.infer<typeof invoiceQueryResultSchema>;

/** Everything buildInvoice needs: the fetched invoice, optional customer and order, and configuration. */
export interface InvoiceSource extends DocumentContext {
  invoice: InvoiceNode;
  customer?: CustomerNode | null;
  order?: OrderNode | null;
}
