import { ATTRIBUTE_FIELDS } from './common.ts';

/** The customer fields orders and fulfilments embed. */
export const CUSTOMER_FIELDS = 'id ref firstName lastName primaryEmail primaryPhone country timezone';

/** What billing documents read of their buyer: name, contact details and attributes. */
export const CUSTOMER_SELECTION = `${CUSTOMER_FIELDS} attributes ${ATTRIBUTE_FIELDS}`;
