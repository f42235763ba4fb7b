import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { einvoiceCommand, einvoiceValidateCommand } from '../../connector/cli/commands/einvoice.ts';
import { loadEInvoiceConfig } from '../../connector/config/einvoice.ts';
import { ConfigError } from '../../connector/config.ts';
import { readEInvoice } from '../../connector/einvoice/read-einvoice.ts';

const root = new URL('../../', import.meta.url).pathname;
const sample = join(root, 'samples/invoice.json');
const terms = join(root, 'samples/einvoice-terms.json');
let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
});
afterEach(() => vi.restoreAllMocks());

describe('folio einvoice', () => {
  it('writes the sample invoice as Peppol UBL after Folio\'s EN 16931 checks', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'folio-ei-')), 'invoice.xml');
    expect(await einvoiceCommand.run(['--data', sample, '--format', 'ubl', '--terms', terms, '--out', file])).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^wrote .*invoice\.xml \(ubl, \d+ bytes; EN 16931 checks passed\)$/)]);
    const view = await readEInvoice(readFileSync(file));
    expect(view).toMatchObject({ syntax: 'UBL', number: 'INV-2026-000123', customizationId: 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0', buyerReference: 'HD-000123', purchaseOrder: 'PO-4471' });
    expect(await einvoiceValidateCommand.run([file])).toBe(0);
    expect(out.at(-1)).toBe(`${file}: ok (UBL, peppol rules)`);
  });

  it('writes nothing for XRechnung without a buyer reference and seller contact, and names the rules', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'folio-ei-')), 'x.xml');
    expect(await einvoiceCommand.run(['--data', sample, '--format', 'xrechnung-cii', '--out', file])).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect(err.at(-1)).toBe('not written: xrechnung-cii breaks EN 16931 rules BR-DE-15, BR-DE-5, BR-DE-6');
  });

  it('validate prints the rule ids a file breaks and exits 1', async () => {
    const file = join(root, 'test/fixtures/einvoice/broken-totals.cii.xml');
    expect(await einvoiceValidateCommand.run([file])).toBe(1);
    expect(out[0]).toBe(`${file}: 2 broken (CII, en16931 rules) [BR-CO-13, BR-CO-16]`);
    await expect(einvoiceCommand.run(['--data', sample, '--format', 'edifact'])).rejects.toThrow('unknown --format "edifact"; one of: ubl, cii, xrechnung-ubl, xrechnung-cii, factur-x');
  });
});

describe('e-invoice configuration', () => {
  it('reads formats per retailer and the seller\'s terms, naming the variable of a bad value', () => {
    const config = loadEInvoiceConfig({ FOLIO_EINVOICE_FORMATS: '{"*": ["cii"], "ACME:2": ["ubl", "factur-x"]}', FOLIO_EINVOICE_SELLER: '{"endpoint": "0088:5790000435975", "iban": "DE02120300000000202051"}' });
    expect(config.FOLIO_EINVOICE_FORMATS).toEqual({ '*': ['cii'], 'ACME:2': ['ubl', 'factur-x'] });
    expect(config.FOLIO_EINVOICE_SELLER).toEqual({ endpoint: { scheme: '0088', id: '5790000435975' }, iban: 'DE02120300000000202051' });
    expect(loadEInvoiceConfig({})).toEqual({ FOLIO_EINVOICE_FORMATS: {}, FOLIO_EMAIL_EINVOICE: 'off', FOLIO_EINVOICE_SELLER: {} });
    expect(() => loadEInvoiceConfig({ FOLIO_EINVOICE_FORMATS: '{"*": ["pdf"]}' })).toThrow(ConfigError);
    expect(() => loadEInvoiceConfig({ FOLIO_EINVOICE_SELLER: '{"endpoint": "ap@example.com"}' })).toThrow(/FOLIO_EINVOICE_SELLER/);
  });
});
