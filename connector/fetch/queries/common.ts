/**
 * GraphQL selections of the small Fluent types, shared by the queries. What the answers are parsed
 * into (the zod schemas) is core's, shared with build: connector/core/fluent-data/.
 */
export const ADDRESS_FIELDS = 'companyName name street city state postcode region country';
export const AMOUNT_FIELDS = '{ amount scale unscaledValue }';
export const TAX_TYPE_FIELDS = '{ country group tariff }';
export const ATTRIBUTE_FIELDS = '{ name type value }';
