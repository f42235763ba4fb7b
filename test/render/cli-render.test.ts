import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../connector/cli/main.ts';
import { pdfInfo, pdfText } from './helpers/pdf-text.ts';
import { SAMPLES_DIR } from './helpers/samples.ts';

/** Runs `folio …` in-process, capturing what it prints. */
async function folio(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts) => void out.push(parts.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts) => void err.push(parts.join(' ')));
  try {
    return { code: await runCli(args), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('folio render', () => {
  it('renders a sample to an Arabic PDF with a theme, and to HTML', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'folio-cli-'));
    const pdfFile = path.join(dir, 'invoice.pdf');
    const data = path.join(SAMPLES_DIR, 'invoice.json');
    const run = await folio('render', '--type', 'invoice', '--data', data, '--locale', 'ar', '--theme', path.join(SAMPLES_DIR, 'theme.json'), '--out', pdfFile);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toMatch(/wrote .*invoice\.pdf \(PDF, A4, template version [0-9a-f]{12}\)/);
    const pdf = await readFile(pdfFile);
    expect(await pdfText(pdf)).toContain('فاتورة');
    expect((await pdfInfo(pdf)).pages).toBe(1);
    const htmlFile = path.join(dir, 'note.html');
    expect((await folio('render', '--type', 'shipment_note', '--data', path.join(SAMPLES_DIR, 'shipment_note.json'), '--locale', 'en-US', '--html', '--out', htmlFile)).code).toBe(0);
    const html = await readFile(htmlFile, 'utf8');
    expect(html).toContain('Shipment note');
    expect(html).toContain('@page { size: Letter;');
  });

  it('explains misuse (exit 2) and bad data (exit 1, with the fields zod names)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'folio-cli-'));
    const invoice = path.join(SAMPLES_DIR, 'invoice.json');
    expect(await folio('render', '--data', invoice)).toMatchObject({ code: 2, err: expect.stringContaining('missing --type') });
    expect(await folio('render', '--type', 'memo', '--data', invoice)).toMatchObject({ code: 2, err: expect.stringContaining('unknown --type "memo"') });
    expect(await folio('render', '--type', 'credit_note', '--data', invoice)).toMatchObject({ code: 2, err: expect.stringContaining('holds a document of type "invoice"') });
    expect(await folio('render', '--type', 'invoice', '--data', path.join(dir, 'missing.json'))).toMatchObject({ code: 2, err: expect.stringContaining('no such file') });
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...JSON.parse(await readFile(invoice, 'utf8')), currency: 'EURO', lines: 'none' }));
    const result = await folio('render', '--type', 'invoice', '--data', bad);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/→ at currency/);
    expect(result.err).toMatch(/→ at lines/);
  });
});
