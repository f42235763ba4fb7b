import type { EInvoiceFormat } from '../../../connector/einvoice/formats.ts';
import { facturXml } from '../../../connector/einvoice/read-einvoice.ts';
import { renderEInvoice } from '../../../connector/einvoice/render-einvoice.ts';
import { toInvoiceJson } from '../../../connector/einvoice/to-invoice-json.ts';
import type { NamedCase } from './named-cases.ts';

/** The XML file a named case becomes in one format (Factur-X: the XML its PDF embeds). Shared by the fixture writer and its test. */
export function fixtureName(name: string, format: EInvoiceFormat): string {
  return `${name}.${format}.xml`;
}

export async function fixtureXml(named: NamedCase, format: EInvoiceFormat, pdf: Uint8Array): Promise<string> {
  const { model, terms } = named.document;
  const bytes = await renderEInvoice(toInvoiceJson({ model, number: model.number!, terms, format }), format, { pdf, lang: 'de' });
  return format === 'factur-x' ? facturXml(bytes) : bytes.toString('utf8');
}

/** A plain one-page PDF to make Factur-X from when only its XML matters. */
export async function plainPdf(): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Folio e-invoice', { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

/** One official verdict, as validate.sh --json prints it (kept in test/fixtures/einvoice/verdicts.json). */
export interface OfficialVerdict {
  ruleSets: string[];
  customizationId: string;
  fatal: number;
  warning: number;
  fatalIds: string[];
}
