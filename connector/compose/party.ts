import { attributeText, type AddressFields, type Attributes } from '../core/fluent-data/fluent-types.ts';
import type { Address, Party } from '../core/document-model.ts';

/** Attribute names under which retailers keep a buyer's VAT number on Fluent entities. */
export const VAT_ID_ATTRIBUTES = ['vatId', 'vat_id', 'vatNumber', 'VAT_NUMBER', 'taxId', 'tax_id'] as const;

function text(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Drops undefined keys: zod output and snapshots then carry only what the source had. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A Fluent address to the model's; Fluent's `state` fills `region` when region is empty. */
export function addressFrom(fields: AddressFields | null | undefined): Address | undefined {
  if (!fields) return undefined;
  const address = compact({
    name: text(fields.name),
    companyName: text(fields.companyName),
    street: text(fields.street),
    city: text(fields.city),
    postcode: text(fields.postcode),
    region: text(fields.region) ?? text(fields.state),
    country: text(fields.country),
  });
  return Object.keys(address).length > 0 ? address : undefined;
}

export function fullName(first: string | null | undefined, last: string | null | undefined): string | undefined {
  return text([text(first), text(last)].filter(Boolean).join(' '));
}

export interface BuyerParts {
  names: (string | null | undefined)[];
  email?: string | null | undefined;
  phone?: string | null | undefined;
  address?: AddressFields | null | undefined;
  attributes?: Attributes;
}

/** The first non-empty name wins; undefined when there is none (the caller decides if that is fatal). */
export function buyerFrom(parts: BuyerParts): Party | undefined {
  const name = parts.names.map(text).find(Boolean);
  if (!name) return undefined;
  return compact({
    name,
    vatId: attributeText(parts.attributes ?? [], VAT_ID_ATTRIBUTES),
    email: text(parts.email),
    phone: text(parts.phone),
    address: addressFrom(parts.address),
  });
}
