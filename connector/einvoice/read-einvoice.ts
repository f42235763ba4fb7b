import type { InvoiceView } from './invoice-view.ts';
import { embeddedFiles } from './pdf-parts.ts';
import { readCii } from './read-cii.ts';
import { readUbl } from './read-ubl.ts';
import { parseXml, type XmlNode } from './xml-nodes.ts';

/** The XML a Factur-X PDF embeds (Factur-X 1.0 names it factur-x.xml; ZUGFeRD/XRechnung profiles other names). */
export const FACTUR_X_FILE_NAMES = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'] as const;

export class NotAnEInvoiceError extends Error {}

/** A UBL Invoice/CreditNote or a CII invoice, as text, in EN 16931 terms. */
export function readInvoiceXml(xml: string): InvoiceView {
  let parsed: XmlNode;
  try {
    parsed = parseXml(xml);
  } catch (error) {
    throw new NotAnEInvoiceError(`not well-formed XML: ${(error as Error).message}`);
  }
  const root = (name: string) => (parsed[name] && typeof parsed[name] === 'object' ? (parsed[name] as XmlNode) : undefined);
  const invoice = root('Invoice');
  if (invoice) return readUbl(invoice, false);
  const creditNote = root('CreditNote');
  if (creditNote) return readUbl(creditNote, true);
  const cii = root('CrossIndustryInvoice');
  if (cii) return readCii(cii);
  throw new NotAnEInvoiceError('neither a UBL Invoice or CreditNote nor a CII CrossIndustryInvoice');
}

/** The embedded invoice XML of a Factur-X / ZUGFeRD PDF. */
export async function facturXml(pdf: Uint8Array): Promise<string> {
  const files = await embeddedFiles(pdf);
  for (const name of FACTUR_X_FILE_NAMES) {
    const bytes = files.get(name);
    if (bytes) return new TextDecoder().decode(bytes);
  }
  throw new NotAnEInvoiceError(`the PDF embeds no ${FACTUR_X_FILE_NAMES.join(' or ')} (embedded: ${[...files.keys()].join(', ') || 'none'})`);
}

/** A file's bytes, XML or PDF, in EN 16931 terms. */
export async function readEInvoice(bytes: Uint8Array): Promise<InvoiceView> {
  const head = new TextDecoder().decode(bytes.subarray(0, 5));
  if (head === '%PDF-') return readInvoiceXml(await facturXml(bytes));
  return readInvoiceXml(new TextDecoder().decode(bytes));
}
