import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBusinessRules } from '../../connector/einvoice/business-rules.ts';
import { ciusOfTerms } from '../../connector/einvoice/to-invoice-json.ts';
import { readInvoiceXml } from '../../connector/einvoice/read-einvoice.ts';
import { fixtureName, fixtureXml, plainPdf, type OfficialVerdict } from './support/fixture-files.ts';
import { NAMED_CASES } from './support/named-cases.ts';

const dir = new URL('../fixtures/einvoice/', import.meta.url).pathname;
const verdicts = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8')) as Record<string, OfficialVerdict>;
const files = NAMED_CASES.flatMap((named) => named.formats.map((format) => ({ named, format, file: fixtureName(named.name, format) })));
/** Where EN 16931 rounds to two decimals and Folio computes exactly, the official rules name more ids than Folio's BR-DEC. */
const DECIMALS_CASE = 'kwd-amounts-in-fils';

describe('named e-invoices against the official verdicts kept as fixtures', () => {
  it('has a verdict for every file, checked by the rule set its CustomizationID names', () => {
    expect(Object.keys(verdicts).sort()).toEqual(files.map((f) => f.file).sort());
    for (const { named, format, file } of files) expect(verdicts[file]!.ruleSets, file).toContain(ciusOfTerms(format, named.document.terms));
  });

  it.each(files)('$file is what Folio writes today', async ({ named, format, file }) => {
    expect(await fixtureXml(named, format, await plainPdf())).toBe(readFileSync(join(dir, file), 'utf8'));
  });

  it.each(files)('$file: Folio\'s own rules agree with the official verdict', ({ named, format, file }) => {
    const verdict = verdicts[file]!;
    const view = readInvoiceXml(readFileSync(join(dir, file), 'utf8'));
    const ids = [...new Set(checkBusinessRules(view, ciusOfTerms(format, named.document.terms), { creditNote: named.document.model.type === 'credit_note' }).map((v) => v.id))];
    if (named.refusedWith.length === 0) {
      expect(verdict.fatal, 'official fatal findings').toBe(0);
      expect(ids, 'Folio\'s findings').toEqual([]);
      return;
    }
    expect(ids).toEqual(expect.arrayContaining([...named.refusedWith]));
    const official = verdict.fatalIds;
    if (named.refusedWith.every((id) => id.startsWith('FOLIO-'))) expect(official).toEqual([]);
    else if (named.name === DECIMALS_CASE) expect(official).toEqual(expect.arrayContaining([...named.refusedWith]));
    else expect(ids).toEqual(expect.arrayContaining(official));
  });
});
