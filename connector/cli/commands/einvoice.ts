import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { documentSchema } from '../../core/document-model.ts';
import { loadEInvoiceConfig } from '../../config/einvoice.ts';
import { checkBusinessRules, type Cius } from '../../einvoice/business-rules.ts';
import { checkFormat } from '../../einvoice/einvoice-issuer.ts';
import { CUSTOMIZATION_ID, EINVOICE_FORMATS, einvoiceFormatSchema, FORMAT_SPECS } from '../../einvoice/formats.ts';
import { NotAnEInvoiceError, readEInvoice } from '../../einvoice/read-einvoice.ts';
import { renderEInvoice } from '../../einvoice/render-einvoice.ts';
import { endpointSchema, schemedIdSchema, sellerTermsSchema, type EInvoiceTerms } from '../../einvoice/terms.ts';
import { toInvoiceJson } from '../../einvoice/to-invoice-json.ts';
import { createChromiumRenderer } from '../../render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../render/html.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../command.ts';
import { readJson, validated } from '../json-input.ts';

const usage = [
  `Usage: folio einvoice --data <document.json> --format ${EINVOICE_FORMATS.join('|')} [--terms <terms.json>] [--out <file>]`,
  '       folio einvoice validate <file.xml|file.pdf> [--rules auto|en16931|peppol|xrechnung]',
  '',
  'Writes one document as an EN 16931 e-invoice, for implementers: the data is a document model (samples/invoice.json),',
  'checked first with the same EN 16931 business rules the connector applies; a document that breaks them is not',
  'written, and the rule ids are printed (exit 1). Factur-X renders the PDF through Chromium first.',
  '',
  '  --data    document model JSON with its number, e.g. samples/invoice.json (invoice, debit_note or credit_note)',
  '  --format  ubl (Peppol BIS 3 when both parties have Peppol ids), cii, xrechnung-ubl, xrechnung-cii, factur-x',
  '  --terms   e-invoice terms JSON {"seller": {…as FOLIO_EINVOICE_SELLER}, "buyer": {"endpoint", "legalId",',
  '            "reference", "purchaseOrder"}}, e.g. samples/einvoice-terms.json; seller default: FOLIO_EINVOICE_SELLER',
  '  --out     output file (default: <number><suffix>, e.g. INV-1.ubl.xml)',
  '',
  '`validate` runs Folio\'s own checks on a UBL or CII file, or on the XML a Factur-X PDF embeds, and prints',
  'the ids of the rules it breaks (exit 1). --rules auto (default) picks the CIUS from the CustomizationID.',
].join('\n');

const buyerTermsSchema = z.object({
  endpoint: endpointSchema.optional(),
  legalId: schemedIdSchema.optional(),
  reference: z.string().min(1).optional(),
  purchaseOrder: z.string().min(1).optional(),
});
const termsFileSchema = z.object({ seller: sellerTermsSchema.optional(), buyer: buyerTermsSchema.optional() });


function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals = false) {
  try {
    return parseArgs({ args, strict: true, allowPositionals: positionals, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export const einvoiceCommand: Command = {
  path: ['einvoice'],
  summary: 'Write one document as UBL, CII, XRechnung or Factur-X, checked against EN 16931 first',
  usage,
  async run(args) {
    const { values } = parse(args, { data: { type: 'string' }, format: { type: 'string' }, terms: { type: 'string' }, out: { type: 'string' } });
    if (typeof values.data !== 'string') throw new UsageError('missing --data');
    if (typeof values.format !== 'string') throw new UsageError('missing --format');
    const format = einvoiceFormatSchema.safeParse(values.format);
    if (!format.success) throw new UsageError(`unknown --format "${values.format}"; one of: ${EINVOICE_FORMATS.join(', ')}`);
    const model = validated(documentSchema, await readJson(values.data, 'data'), values.data);
    if (!model.number) throw new UsageError(`${values.data} has no "number": an e-invoice needs the document number (BT-1)`);
    if (!['invoice', 'debit_note', 'credit_note'].includes(model.type)) throw new UsageError(`${values.data} is a ${model.type}; e-invoices are invoices, debit and credit notes`);
    const file = typeof values.terms === 'string' ? validated(termsFileSchema, await readJson(values.terms, 'terms'), values.terms) : {};
    const terms: EInvoiceTerms = { seller: file.seller ?? loadEInvoiceConfig().FOLIO_EINVOICE_SELLER, buyer: file.buyer ?? {} };

    const violations = await checkFormat(model, model.number, terms, format.data);
    if (violations.length > 0) {
      for (const violation of violations) console.error(`${violation.id}  ${violation.message}`);
      console.error(`not written: ${format.data} breaks EN 16931 rules ${[...new Set(violations.map((v) => v.id))].join(', ')}`);
      return 1;
    }
    let pdf: Buffer | undefined;
    if (format.data === 'factur-x') {
      const rendered = renderDocumentHtml(model, {});
      const renderer = createChromiumRenderer({ batch: false });
      try {
        pdf = await renderer.renderPdf(rendered.html, { format: rendered.paper });
      } finally {
        await renderer.close();
      }
    }
    const bytes = await renderEInvoice(toInvoiceJson({ model, number: model.number, terms, format: format.data }), format.data, { ...(pdf && { pdf }), lang: model.locale });
    const out = typeof values.out === 'string' ? values.out : `${model.number}${FORMAT_SPECS[format.data].suffix}`;
    await writeFile(out, bytes);
    console.log(`wrote ${out} (${format.data}, ${bytes.length} bytes; EN 16931 checks passed)`);
    return 0;
  },
};

/** The CIUS a file claims by its specification identifier (BT-24), as the official validators dispatch. */
function ciusOfFile(customizationId: string | undefined): Cius {
  if (customizationId === CUSTOMIZATION_ID.peppol) return 'peppol';
  if (customizationId?.includes('xrechnung')) return 'xrechnung';
  return 'en16931';
}

export const einvoiceValidateCommand: Command = {
  path: ['einvoice', 'validate'],
  summary: 'Check a UBL, CII or Factur-X file with Folio\'s EN 16931 rules; prints the ids of broken rules',
  usage,
  async run(args) {
    const { values, positionals } = parse(args, { rules: { type: 'string', default: 'auto' } }, true);
    if (positionals.length !== 1) throw new UsageError('give one file to validate');
    const rules = String(values.rules);
    if (!['auto', 'en16931', 'peppol', 'xrechnung'].includes(rules)) throw new UsageError(`unknown --rules "${rules}"; one of: auto, en16931, peppol, xrechnung`);
    const path = positionals[0]!;
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new UsageError(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    let view;
    try {
      view = await readEInvoice(bytes);
    } catch (error) {
      if (error instanceof NotAnEInvoiceError) throw new Error(`${path}: ${error.message}`);
      throw error;
    }
    const cius = rules === 'auto' ? ciusOfFile(view.customizationId) : (rules as Cius);
    const creditNote = view.typeCode === '381';
    const violations = checkBusinessRules(view, cius, { creditNote });
    if (violations.length === 0) {
      console.log(`${path}: ok (${view.syntax}, ${cius} rules)`);
      return 0;
    }
    console.log(`${path}: ${violations.length} broken (${view.syntax}, ${cius} rules) [${[...new Set(violations.map((v) => v.id))].join(', ')}]`);
    for (const violation of violations) console.log(`  ${violation.id}  ${violation.message}`);
    return 1;
  },
};
