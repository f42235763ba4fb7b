import { z } from 'zod';
import { connectionSchema } from './connection.ts';
import { attributesSchema, settingValueSchema } from './fluent-types.ts';
import { billingHeaderFields, billingItemFields } from './invoice.ts';

/** A credit memo with the original invoice (its ref, date and Folio number attribute) and a reason per item. */
export const creditMemoItemSchema = z.object({
  ...billingItemFields,
  creditReasonCode: settingValueSchema.nullish(),
  orderItem: z.object({ ref: z.string().nullish() }).nullish(),
});
export type CreditMemoItemNode = z.infer<typeof creditMemoItemSchema>;

export const creditMemoNodeSchema = z.object({
  ...billingHeaderFields,
  invoice: z.object({ ref: z.string(), issueDate: z.string().nullish(), attributes: attributesSchema }).nullish(),
  returnOrder: z.object({ ref: z.string().nullish() }).nullish(),
  items: connectionSchema(creditMemoItemSchema),
});
export type CreditMemoNode = z.infer<typeof creditMemoNodeSchema>;
