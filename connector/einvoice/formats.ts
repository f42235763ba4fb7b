import { z } from 'zod';

/**
 * The e-invoice formats Folio issues, each with the @e-invoice-eu/core format that writes it and the
 * file it becomes beside the PDF (same storage key, another extension).
 */
export const EINVOICE_FORMATS = ['ubl', 'cii', 'xrechnung-ubl', 'xrechnung-cii', 'factur-x'] as const;
export const einvoiceFormatSchema = z.enum(EINVOICE_FORMATS);
export type EInvoiceFormat = z.infer<typeof einvoiceFormatSchema>;

export interface FormatSpec {
  /** The library's format name (InvoiceService.generate's `format`). */
  library: string;
  /** What the file name ends with, after the document number. */
  suffix: string;
  contentType: string;
  /** The CIUS whose rules apply besides EN 16931: Peppol BIS Billing 3.0, XRechnung 3.0, or none. */
  cius: 'peppol' | 'xrechnung' | 'en16931';
  syntax: 'UBL' | 'CII';
}

export const FORMAT_SPECS: Readonly<Record<EInvoiceFormat, FormatSpec>> = {
  ubl: { library: 'UBL', suffix: '.ubl.xml', contentType: 'application/xml', cius: 'peppol', syntax: 'UBL' },
  cii: { library: 'CII', suffix: '.cii.xml', contentType: 'application/xml', cius: 'en16931', syntax: 'CII' },
  'xrechnung-ubl': { library: 'XRECHNUNG-UBL', suffix: '.xrechnung-ubl.xml', contentType: 'application/xml', cius: 'xrechnung', syntax: 'UBL' },
  'xrechnung-cii': { library: 'XRECHNUNG-CII', suffix: '.xrechnung-cii.xml', contentType: 'application/xml', cius: 'xrechnung', syntax: 'CII' },
  'factur-x': { library: 'Factur-X-EN16931', suffix: '.factur-x.pdf', contentType: 'application/pdf', cius: 'en16931', syntax: 'CII' },
};

/** The specification identifiers (BT-24) each CIUS writes, as the official validators dispatch on them. */
export const CUSTOMIZATION_ID = {
  en16931: 'urn:cen.eu:en16931:2017',
  peppol: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
  xrechnung: 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
} as const;

/** Peppol's business process (BT-23); XRechnung asks for the same one when sent over Peppol. */
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

/** Peppol's electronic address schemes are the numeric EAS codes (0088 GLN, 0204 Leitweg-ID, 9930 German VAT …). */
export function isPeppolScheme(scheme: string | undefined): boolean {
  return scheme !== undefined && /^[0-9]{4}$/.test(scheme);
}

/**
 * The CIUS a file is written under. UBL is Peppol BIS Billing 3.0 when both parties have a Peppol
 * address (the network needs them, PEPPOL-EN16931-R010/R020); for a buyer outside Peppol it is plain
 * EN 16931 UBL, addressed by e-mail (EAS code EM), which Peppol's code list refuses (CL008).
 */
export function ciusOf(format: EInvoiceFormat, endpoints: { seller?: string | undefined; buyer?: string | undefined }): FormatSpec['cius'] {
  const cius = FORMAT_SPECS[format].cius;
  if (cius !== 'peppol') return cius;
  return isPeppolScheme(endpoints.seller) && isPeppolScheme(endpoints.buyer) ? 'peppol' : 'en16931';
}

/** Documents that are e-invoices under EN 16931: invoices (incl. package invoices), debit and credit notes. */
export const EINVOICE_DOCUMENT_TYPES = ['invoice', 'debit_note', 'credit_note'] as const;

/**
 * A list of formats as text: a JSON array or comma-separated names; `none` (or empty) is none.
 * Unknown names are an error, never ignored: a buyer who asked for a format must get it or hear why.
 */
export function parseFormatList(text: string): EInvoiceFormat[] {
  const trimmed = text.trim();
  let names: unknown;
  if (trimmed.startsWith('[')) {
    try {
      names = JSON.parse(trimmed);
    } catch {
      throw new Error(`expected a JSON array of formats (${EINVOICE_FORMATS.join(', ')})`);
    }
  } else {
    names = trimmed === '' || trimmed.toLowerCase() === 'none' ? [] : trimmed.split(',').map((s) => s.trim().toLowerCase());
  }
  const parsed = z.array(einvoiceFormatSchema).safeParse(names);
  if (!parsed.success) throw new Error(`expected formats among ${EINVOICE_FORMATS.join(', ')} or none, got ${trimmed}`);
  return [...new Set(parsed.data)];
}
