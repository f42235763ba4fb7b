import { z } from 'zod';
import { PermanentError } from '../../pipeline/outcome.ts';

/**
 * Zod pieces shared by the query result schemas. Every field the SDL declares nullable is `.nullish()`:
 * GraphQL sends null, but emulators and JSON serialisers sometimes drop nulls, and a missing nullable
 * field means the same thing. Non-null SDL fields (`ref: String!`, `TaxType.country!` …) stay required.
 */

/** GraphQL ID serialises as a string; accept an integer too, since some servers send numeric ids. */
export const idSchema = z.union([z.string(), z.number().int()]).transform(String);

/** AmountType {amount: Float, scale: Int, unscaledValue: Int} – all nullable in the SDL. */
export const amountTypeSchema = z.object({
  amount: z.number().nullish(),
  scale: z.number().int().nullish(),
  unscaledValue: z.number().int().nullish(),
});
export type AmountType = z.infer<typeof amountTypeSchema>;

/** TaxType {country: String!, group: String!, tariff: String}. */
export const taxTypeSchema = z.object({
  country: z.string(),
  group: z.string(),
  tariff: z.string().nullish(),
});
export type TaxType = z.infer<typeof taxTypeSchema>;

export const quantityTypeSchema = z.object({
  quantity: z.number().int().nullish(),
  unit: z.string().nullish(),
});

/** Attribute {name: String!, type: String!, value: Json!} – value is any JSON. */
export const attributeSchema = z.object({ name: z.string(), type: z.string(), value: z.unknown() });
export const attributesSchema = z.array(attributeSchema.nullish()).nullish();
export type Attributes = z.infer<typeof attributesSchema>;

/** StreetAddress / Address interface fields Folio prints. */
export const addressFieldsSchema = z.object({
  companyName: z.string().nullish(),
  name: z.string().nullish(),
  street: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  postcode: z.string().nullish(),
  region: z.string().nullish(),
  country: z.string().nullish(),
});
export type AddressFields = z.infer<typeof addressFieldsSchema>;
export const ADDRESS_FIELDS = 'companyName name street city state postcode region country';

export const settingValueSchema = z.object({ value: z.string().nullish(), label: z.string().nullish() });

export const AMOUNT_FIELDS = '{ amount scale unscaledValue }';
export const TAX_TYPE_FIELDS = '{ country group tariff }';
export const ATTRIBUTE_FIELDS = '{ name type value }';

export type Connection<T> =
  | {
      pageInfo?: { hasNextPage?: boolean | null | undefined } | null | undefined;
      edges?: ({ node?: T | null | undefined } | null | undefined)[] | null | undefined;
    }
  | null
  | undefined;

/**
 * A Relay connection as the 2020 SDL has it: nullable list of nullable edges of nullable nodes.
 * The declared return type keeps TypeScript from expanding nested connections past its depth limit.
 */
export function connectionSchema<T extends z.ZodType>(node: T): z.ZodType<Connection<z.output<T>>> {
  return z
    .object({
      pageInfo: z.object({ hasNextPage: z.boolean().nullish() }).nullish(),
      edges: z.array(z.object({ node: node.nullish() }).nullish()).nullish(),
    })
    .nullish() as unknown as z.ZodType<Connection<z.output<T>>>;
}

/**
 * The nodes of a connection. A page that says more follow means the document would silently miss
 * items, so it fails instead: a short document is a wrong document.
 */
export function nodesOf<T>(connection: Connection<T>, what: string): T[] {
  if (connection?.pageInfo?.hasNextPage) {
    throw new PermanentError(`${what}: more entries than one page holds; the document would be incomplete`);
  }
  const nodes: T[] = [];
  for (const edge of connection?.edges ?? []) if (edge?.node != null) nodes.push(edge.node);
  return nodes;
}

/** Parses a query result; a mismatch is bad data from Fluent, so it is a PermanentError naming the path. */
export function parseQueryResult<T extends z.ZodType>(schema: T, data: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.join('.') || '(root)' : '(root)';
    throw new PermanentError(`${what} result does not match the expected shape at ${where}: ${first?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The value of the first attribute whose name matches one of `names` (case-insensitive), as a string. */
export function attributeText(attributes: Attributes, names: readonly string[]): string | undefined {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const attribute of attributes ?? []) {
    if (!attribute || !wanted.has(attribute.name.toLowerCase())) continue;
    const value = attribute.value;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  }
  return undefined;
}
