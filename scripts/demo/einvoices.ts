import { relative } from 'node:path';
import { ATTRIBUTE } from '../../connector/fluent/contract.ts';

/**
 * The demo issues every invoice, debit and credit note also as e-invoices: UBL (Peppol BIS 3 where the
 * buyer has a Peppol id), CII and Factur-X. The seller's Peppol id and contact are configuration; the
 * demo's business buyer carries hers as Fluent customer attributes (README "E-invoices").
 */
export const DEMO_EINVOICES = {
  FOLIO_EINVOICE_FORMATS: JSON.stringify({ '*': ['ubl', 'cii', 'factur-x'] }),
  FOLIO_EINVOICE_SELLER: JSON.stringify({
    endpoint: '0088:5790000435975',
    legalId: '0088:5790000435975',
    contact: { name: 'Accounts receivable', phone: '+44 20 7946 0000', email: 'accounts@demo.folio.test' },
    iban: 'GB33BUKB20201555555555',
    bic: 'BUKBGB22',
  }),
};

/** Ada, as a business buyer: her Peppol participant id and VAT number are attributes of her Fluent customer. */
export const DEMO_BUYER = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  attributes: { 'folio.endpointId': '0088:7300010000001', vatId: 'GB987654321' },
};

/** One line per stored e-invoice of each document, from the folioEInvoices attribute Folio wrote. */
export function einvoiceLines(documents: { label: string; attributes: Record<string, unknown> }[]): string[] {
  return documents.flatMap(({ label, attributes }) => {
    const einvoices = attributes[ATTRIBUTE.einvoices] as Record<string, { path: string }> | undefined;
    if (!einvoices) return [];
    return Object.entries(einvoices).map(([format, entry]) => `  ${label.padEnd(22)} ${format.padEnd(10)} ${relative(process.cwd(), entry.path)}`);
  });
}
