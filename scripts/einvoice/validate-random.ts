import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { checkFormat } from '../../connector/einvoice/einvoice-issuer.ts';
import { EINVOICE_FORMATS, einvoiceFormatSchema, type EInvoiceFormat } from '../../connector/einvoice/formats.ts';
import { facturXml } from '../../connector/einvoice/read-einvoice.ts';
import { renderEInvoice } from '../../connector/einvoice/render-einvoice.ts';
import { ciusOfTerms, toInvoiceJson } from '../../connector/einvoice/to-invoice-json.ts';
import { randomDocuments, type RandomDocument } from '../../test/einvoice/support/random-documents.ts';

/**
 * Proof against the official rules (a dev instrument, run by hand): N random documents from the money
 * engine's generators (test/einvoice/support/random-documents.ts) in every format, each first checked
 * by Folio's own rules (a refused one is not issued, as in the connector), then every issued file run
 * through the official EN 16931 / Peppol / XRechnung Schematron with `validate.sh --rules auto` (each
 * file by the rules its CustomizationID names; for Factur-X the embedded factur-x.xml).
 *
 *   npx tsx scripts/einvoice/validate-random.ts --validator /path/to/einvoice/validate.sh [--count 1000]
 *       [--formats ubl,cii,…] [--seed 19] [--out var/einvoice-random]
 *
 * Prints one JSON line per format and a summary line; exit 1 when any issued file has a fatal finding.
 */
const { values } = parseArgs({
  options: {
    validator: { type: 'string' },
    count: { type: 'string', default: '1000' },
    formats: { type: 'string', default: EINVOICE_FORMATS.join(',') },
    seed: { type: 'string', default: '19' },
    out: { type: 'string', default: 'var/einvoice-random' },
  },
});
if (!values.validator) {
  console.error('usage: validate-random.ts --validator /path/to/validate.sh [--count N] [--formats ubl,cii,…] [--seed N] [--out DIR]');
  process.exit(2);
}
const validator = resolve(values.validator);
const count = Number(values.count);
const formats = values.formats.split(',').map((f) => einvoiceFormatSchema.parse(f.trim()));
const out = resolve(values.out);

interface Verdict {
  file: string;
  ruleSets: string[];
  customizationId: string;
  fatal: number;
  warning: number;
  fatalIds: string[];
  errors?: string[];
}

function runValidator(dir: string): Promise<Verdict[]> {
  return new Promise((done, reject) =>
    execFile(validator, ['--json', '--rules', 'auto', dir], { maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      const code = (error as { code?: number } | null)?.code;
      if (error && code !== 1 && code !== 2) return reject(error);
      if (code === 2 && !stdout) return reject(new Error(stderr));
      done(stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Verdict));
    }),
  );
}

/** A plain one-page PDF for Factur-X: the XML is what the rules check, not the rendering. */
async function basePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText('Folio e-invoice validation', { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}

async function runFormat(format: EInvoiceFormat, documents: Iterator<RandomDocument>, pdf: Uint8Array) {
  const dir = join(out, format);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const refused: Record<string, number> = {};
  const issuedByCurrency: Record<string, number> = {};
  const covered = { creditNotes: 0, debitNotes: 0, shipping: 0, codFee: 0, exempt: 0, zero: 0, reverse: 0, rates: new Set<number>() };
  let issued = 0;
  let drawn = 0;
  /** The rule set each file must be checked by: the CIUS it was written under. */
  const expectedRules = new Map<string, string>();
  while (issued < count) {
    const next = documents.next();
    if (next.done) throw new Error('ran out of random documents');
    const doc = next.value;
    drawn += 1;
    const violations = await checkFormat(doc.model, doc.model.number!, doc.terms, format);
    if (violations.length > 0) {
      const key = `${doc.model.currency}:${[...new Set(violations.map((v) => v.id))].sort().join('+')}`;
      refused[key] = (refused[key] ?? 0) + 1;
      continue;
    }
    const bytes = await renderEInvoice(toInvoiceJson({ model: doc.model, number: doc.model.number!, terms: doc.terms, format }), format, { pdf, lang: 'de' });
    const xml = format === 'factur-x' ? await facturXml(bytes) : bytes.toString('utf8');
    writeFileSync(join(dir, `${doc.name}.xml`), xml);
    expectedRules.set(`${doc.name}.xml`, ciusOfTerms(format, doc.terms));
    issued += 1;
    issuedByCurrency[doc.model.currency] = (issuedByCurrency[doc.model.currency] ?? 0) + 1;
    if (doc.model.type === 'credit_note') covered.creditNotes += 1;
    if (doc.model.type === 'debit_note') covered.debitNotes += 1;
    if (doc.model.lines.some((l) => l.kind === 'shipping')) covered.shipping += 1;
    if (doc.model.lines.some((l) => l.kind === 'fee')) covered.codFee += 1;
    if (doc.model.taxSummary.some((r) => r.taxCategory === 'E')) covered.exempt += 1;
    if (doc.model.taxSummary.some((r) => r.taxCategory === 'Z')) covered.zero += 1;
    if (doc.model.taxSummary.some((r) => r.taxCategory === 'AE')) covered.reverse += 1;
    doc.model.taxSummary.forEach((r) => covered.rates.add(r.taxRateBp / 100));
  }
  const started = performance.now();
  const verdicts = await runValidator(dir);
  const fatalIds: Record<string, number> = {};
  for (const v of verdicts) for (const id of v.fatalIds) fatalIds[id] = (fatalIds[id] ?? 0) + 1;
  return {
    format,
    drawn,
    issued,
    issuedByCurrency,
    refusedByProduct: Object.values(refused).reduce((a, b) => a + b, 0),
    refused,
    covered: { ...covered, rates: [...covered.rates].sort((a, b) => a - b) },
    validated: verdicts.length,
    ruleSets: [...new Set(verdicts.map((v) => v.ruleSets.join('+')))],
    rulesAsExpected: verdicts.every((v) => v.ruleSets.includes(expectedRules.get(v.file.replace(/^.*\//, ''))!)),
    filesWithFatal: verdicts.filter((v) => v.fatal > 0 || v.errors).length,
    fatal: verdicts.reduce((total, v) => total + v.fatal, 0),
    warnings: verdicts.reduce((total, v) => total + v.warning, 0),
    fatalIds,
    notValidated: verdicts.filter((v) => v.errors).map((v) => v.file),
    validatorSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

const pdf = await basePdf();
const results = [];
for (const format of formats) {
  // Every format gets the same stream of documents (same seed), so counts compare across formats.
  const documents = randomDocuments(count * 2, Number(values.seed))[Symbol.iterator]();
  const result = await runFormat(format, documents, pdf);
  console.log(JSON.stringify(result));
  results.push(result);
}
const summary = {
  summary: true,
  count,
  formats: results.map((r) => ({ format: r.format, issued: r.issued, refusedByProduct: r.refusedByProduct, filesWithFatal: r.filesWithFatal, fatal: r.fatal })),
  fatal: results.reduce((total, r) => total + r.fatal, 0),
  ok: results.every((r) => r.fatal === 0 && r.filesWithFatal === 0 && r.rulesAsExpected && r.validated === r.issued),
};
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);
