import { z } from 'zod';
import { connectionSchema } from './connection.ts';
import { addressFieldsSchema, amountTypeSchema, attributesSchema, idSchema, quantityTypeSchema, taxTypeSchema } from './fluent-types.ts';

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
