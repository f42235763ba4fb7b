import { z } from 'zod';
import { creditMemoNodeSchema } from '../../core/fluent-data/credit-memo.ts';
import { ATTRIBUTE_FIELDS } from './common.ts';
import { BILLING_HEADER_FIELDS, BILLING_ITEM_FIELDS } from './invoice.ts';

/**
 * A credit memo by ref, with the original invoice (its ref, date and the Folio number written back
 * onto it as an attribute) and a credit reason per item.
 */
export const CREDIT_MEMO_QUERY = /* GraphQL */ `
  query FolioCreditMemo($ref: String!) {
    creditMemo(ref: $ref) {
      ${BILLING_HEADER_FIELDS}
      invoice { ref issueDate attributes ${ATTRIBUTE_FIELDS} }
      returnOrder { ref }
      items(first: 500) {
        pageInfo { hasNextPage }
        edges { node { ${BILLING_ITEM_FIELDS} creditReasonCode { value label } orderItem { ref } } }
      }
    }
  }
`;

export const creditMemoQueryResultSchema = z.object({ creditMemo: creditMemoNodeSchema.nullish() });
