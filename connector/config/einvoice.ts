import { z } from 'zod';
import { EINVOICE_FORMATS, einvoiceFormatSchema } from '../einvoice/formats.ts';
import { sellerTermsSchema } from '../einvoice/terms.ts';
import { readEnvironment } from './read-environment.ts';
import { jsonText } from './values.ts';

/**
 * E-invoices: which formats each retailer issues (a buyer's Fluent attribute folio.einvoiceFormats
 * overrides it), and the seller's e-invoice terms (electronic address, legal id, contact, bank).
 * Keys of FOLIO_EINVOICE_FORMATS are `*`, an account (`ACME`) or account:retailer (`ACME:2`), most
 * specific first, as in FOLIO_THEMES.
 */
export const einvoiceFormatsSchema = z.record(z.string().min(1), z.array(einvoiceFormatSchema));

export const einvoiceVariables = {
  FOLIO_EINVOICE_FORMATS: jsonText(einvoiceFormatsSchema, `{"*": [], "ACME": ["ubl", "factur-x"]} (formats: ${EINVOICE_FORMATS.join(', ')})`).prefault('{}'),
  /** `attach`: e-mails that attach the PDF attach the e-invoice XML too; `off`: the PDF only. */
  FOLIO_EMAIL_EINVOICE: z.enum(['attach', 'off']).default('off'),
  FOLIO_EINVOICE_SELLER: jsonText(sellerTermsSchema, '{"endpoint": "0088:5790000435975", "legalId": "0088:5790000435975", "contact": {"name": "Billing", "phone": "+49 40 123456", "email": "billing@example.com"}, "iban": "DE02120300000000202051"}').prefault('{}'),
};

/** Only the e-invoice variables, for `folio einvoice` (which needs no Fluent connection). */
export function loadEInvoiceConfig(env: Record<string, string | undefined> = process.env) {
  return readEnvironment(z.object(einvoiceVariables), env);
}
