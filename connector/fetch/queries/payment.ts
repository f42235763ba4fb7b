import { z } from 'zod';
import { idSchema } from '../../core/fluent-data/fluent-types.ts';

/**
 * A billing account's payment by ref, with the link that leads to the order it pays for. Fluent's
 * Payment (newer than the 2020 SDL; GraphQL docs "object Payment") links the FinancialTransaction it
 * was created with (CreatePaymentInput.financialTransaction), and that transaction names its order.
 * The receipt is then read from the order's transactions, like every other receipt.
 */
export const PAYMENT_QUERY = /* GraphQL */ `
  query FolioPayment($ref: String!) {
    payment(ref: $ref) {
      id
      ref
      status
      financialTransaction { id ref order { id ref } }
    }
  }
`;

export const paymentNodeSchema = z.object({
  id: idSchema,
  ref: z.string(),
  status: z.string().nullish(),
  financialTransaction: z
    .object({
      id: idSchema,
      ref: z.string().nullish(),
      order: z.object({ id: idSchema, ref: z.string().nullish() }).nullish(),
    })
    .nullish(),
});
export type PaymentNode = z.infer<typeof paymentNodeSchema>;

export const paymentQueryResultSchema = z.object({ payment: paymentNodeSchema.nullish() });
