import { FormatFactoryService, type Invoice } from '@e-invoice-eu/core';
import { PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { FORMAT_SPECS, type EInvoiceFormat } from './formats.ts';

/**
 * Writes invoice data (to-invoice-json.ts) in one format with @e-invoice-eu/core: XML for UBL, CII
 * and XRechnung; for Factur-X the rendered PDF made PDF/A-3 with factur-x.xml embedded and its XMP.
 */

/** The library logs to this; its messages also come back in the errors it throws. */
const quiet = { log() {}, warn() {}, error() {} };
const factory = new FormatFactoryService();

export interface RenderOptions {
  /** The rendered PDF: required for Factur-X. */
  pdf?: Uint8Array;
  /** Language for Factur-X's XMP texts, e.g. `en` or `de-de`. */
  lang?: string;
}

export class EInvoiceRenderError extends Error {}

export async function renderEInvoice(invoice: Invoice, format: EInvoiceFormat, options: RenderOptions = {}): Promise<Buffer> {
  const spec = FORMAT_SPECS[format];
  if (format === 'factur-x' && !options.pdf) throw new EInvoiceRenderError('Factur-X needs the rendered PDF');
  let output: string | Uint8Array;
  try {
    // The format service directly, not InvoiceService.generate: that compiles the library's JSON schema
    // on every call (~0.5 s). The data is typed (to-invoice-json.ts) and its schema validity is tested.
    const formatter = factory.createFormatService(spec.library, quiet);
    const data = structuredClone(invoice);
    formatter.fillInvoiceDefaults(data);
    output = await formatter.generate(data, {
      format: factory.normalizeFormat(spec.library),
      lang: facturXLanguage(options.lang),
      noWarnings: true,
      ...(format === 'factur-x' && options.pdf && { pdf: { buffer: options.pdf, filename: 'invoice.pdf', mimetype: 'application/pdf' } }),
    });
  } catch (error) {
    const details = (error as { errors?: unknown }).errors;
    throw new EInvoiceRenderError(`${format}: ${(error as Error).message}${details ? ` ${JSON.stringify(details).slice(0, 500)}` : ''}`, { cause: error });
  }
  if (typeof output === 'string') return Buffer.from(output, 'utf8');
  return format === 'factur-x' && options.pdf ? keepStructure(options.pdf, output) : Buffer.from(output);
}

/** The library's XMP texts exist for a few languages; its code wants `xx-yy` lower case. */
function facturXLanguage(locale: string | undefined): string {
  return (locale ?? 'en').toLowerCase().replace('_', '-');
}

/**
 * The library gives the catalog a new, empty StructTreeRoot (and its own /Lang), which would drop the
 * tagged PDF's structure: the original tree is still in the file under its object number, so it is
 * put back, with the original document language.
 */
async function keepStructure(original: Uint8Array, converted: Uint8Array): Promise<Buffer> {
  const source = await PDFDocument.load(original, { updateMetadata: false });
  const tree = source.catalog.get(PDFName.of('StructTreeRoot'));
  const lang = source.catalog.get(PDFName.of('Lang'));
  if (!(tree instanceof PDFRef)) return Buffer.from(converted);
  const doc = await PDFDocument.load(converted, { updateMetadata: false });
  const kept = doc.context.lookup(tree);
  if (!(kept instanceof PDFDict)) return Buffer.from(converted);
  const replaced = doc.catalog.get(PDFName.of('StructTreeRoot'));
  doc.catalog.set(PDFName.of('StructTreeRoot'), tree);
  if (replaced instanceof PDFRef && replaced !== tree) doc.context.delete(replaced);
  if (lang) doc.catalog.set(PDFName.of('Lang'), lang);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
