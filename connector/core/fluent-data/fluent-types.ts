import { z } from 'zod';

/**
 * The Fluent value types the builders read (GraphQL scalars and small objects of the 2020 SDL), as zod
 * schemas: fetch parses Fluent's answers into these, build reads them. Every field the SDL declares
 * nullable is `.nullish()`: GraphQL sends null, but emulators and JSON serialisers sometimes drop nulls,
 * and a missing nullable field means the same thing. Non-null SDL fields (`ref: String!`,
 * `TaxType.country!` …) stay required.
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

export const settingValueSchema = z.object({ value: z.string().nullish(), label: z.string().nullish() });

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
