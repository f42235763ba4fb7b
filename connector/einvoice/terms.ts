import { z } from 'zod';

/**
 * The EN 16931 business terms Folio's document model does not carry: electronic addresses, legal
 * registration ids, the buyer reference, contacts and bank details. The seller's come from
 * configuration (FOLIO_EINVOICE_SELLER), the buyer's from Fluent attributes (buyer-attributes.ts).
 */

/** An identifier with its scheme, written `SCHEME:ID` (e.g. `0088:5790000435975`, `EM:ap@buyer.example`). */
export interface SchemedId {
  scheme?: string;
  id: string;
}

const SCHEMED = /^(?<scheme>[0-9]{4}|[A-Z]{2,3}):(?<id>\S.*)$/;

/** `0204:991-12345-67` → scheme 0204, id 991-12345-67; text without a scheme prefix is an id alone. */
export function parseSchemedId(text: string): SchemedId {
  const trimmed = text.trim();
  const match = SCHEMED.exec(trimmed);
  return match?.groups ? { scheme: match.groups.scheme!, id: match.groups.id!.trim() } : { id: trimmed };
}

/** An electronic address (BT-34/BT-49) needs its scheme (BT-34-1/BT-49-1): `SCHEME:ID`. */
export const endpointSchema = z
  .string()
  .transform((text) => parseSchemedId(text))
  .refine((value): value is Required<SchemedId> => value.scheme !== undefined && value.id.length > 0, 'expected SCHEME:ID, e.g. 0088:5790000435975 or EM:invoices@example.com');

export const schemedIdSchema = z
  .string()
  .min(1)
  .transform((text) => parseSchemedId(text));

export const contactSchema = z.object({
  name: z.string().min(1).optional(),
  phone: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/** FOLIO_EINVOICE_SELLER: what the seller adds for e-invoices. */
export const sellerTermsSchema = z.object({
  /** BT-34: the seller's electronic address, e.g. its Peppol participant id `0088:…` or `EM:invoices@…`. */
  endpoint: endpointSchema.optional(),
  /** BT-30: legal registration id (company register), `SCHEME:ID` or the id alone. */
  legalId: schemedIdSchema.optional(),
  /** BT-28: trading name when it differs from the legal name. */
  tradingName: z.string().min(1).optional(),
  /** BG-6: contact point, telephone, e-mail (XRechnung requires all three). */
  contact: contactSchema.optional(),
  /** BT-84/BT-85/BT-86: the account buyers pay into by credit transfer. */
  iban: z.string().regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$/, 'expected an IBAN without spaces').optional(),
  accountName: z.string().min(1).optional(),
  bic: z.string().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'expected a BIC').optional(),
  /** BT-20: payment terms text; Folio writes the due date or "paid" when absent. */
  paymentTerms: z.string().min(1).optional(),
});
export type SellerTerms = z.output<typeof sellerTermsSchema>;

export interface BuyerTerms {
  /** BT-49 electronic address. */
  endpoint?: Required<SchemedId>;
  /** BT-47 legal registration id. */
  legalId?: SchemedId;
  /** BT-10 buyer reference; for German public buyers the Leitweg-ID. */
  reference?: string;
  /** BT-13 the buyer's purchase order reference. */
  purchaseOrder?: string;
}

export interface EInvoiceTerms {
  seller: SellerTerms;
  buyer: BuyerTerms;
}
