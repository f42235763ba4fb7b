import { z } from 'zod';
import type { DocumentContext } from '../../build/context.ts';
import type { RefundAllocation } from '../../build/refunds.ts';
import type { CustomerNode } from './customer.ts';
import { ADDRESS_FIELDS, AMOUNT_FIELDS, ATTRIBUTE_FIELDS, TAX_TYPE_FIELDS, attributesSchema, connectionSchema, settingValueSchema } from './common.ts';
import { billingHeaderFields, billingItemFields } from './invoice.ts';

/**
 * A credit memo by ref, with the original invoice (its ref, date and the Folio number written back
 * onto it as an attribute) and a credit reason per item.
 */
export const CREDIT_MEMO_QUERY = /* GraphQL */ `
  query FolioCreditMemo($ref: String!) {
    creditMemo(ref: $ref) {
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
      invoice { ref issueDate attributes ${ATTRIBUTE_FIELDS} }
      order { ref }
      returnOrder { ref }
      billingAccount {
        ref
        type
        name
        address { ${ADDRESS_FIELDS} }
        attributes ${ATTRIBUTE_FIELDS}
        customer { ref }
      }
      items(first: 500) {
        pageInfo { hasNextPage }
        edges {
          node {
            ref
            type
            description
            creditReasonCode { value label }
            orderItem { ref }
            product { ref }
            unitQuantity { quantity unit }
            unitTaxType ${TAX_TYPE_FIELDS}
            unitAmount ${AMOUNT_FIELDS}
            amount ${AMOUNT_FIELDS}
            taxAmount ${AMOUNT_FIELDS}
          }
        }
      }
    }
  }
`;

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

export const creditMemoQueryResultSchema = z.object({ creditMemo: creditMemoNodeSchema.nullish() });
export type CreditMemoQueryResult = z.infer<typeof creditMemoQueryResultSchema>;

export interface CreditNoteSource extends DocumentContext {
  creditMemo: CreditMemoNode;
  customer?: CustomerNode | null;
  /** How the credit goes back, by tender (from planRefund/allocateRefund); printed on the note. */
  refunds?: readonly RefundAllocation[];
}
