import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentSchema } from '../../../connector/core/document-model.ts';
import { createChromiumRenderer } from '../../../connector/render/chromium-renderer.ts';
import { renderDocumentHtml } from '../../../connector/render/html.ts';
import { themeSchema } from '../../../connector/render/theme.ts';

/** The reviewed page images: sample document × locale, page 1, greyscale at 40 dpi. */
export const REFERENCE_CASES = [
  { name: 'invoice-en', sample: 'invoice', locale: 'en' },
  { name: 'invoice-ar', sample: 'invoice', locale: 'ar' },
  { name: 'invoice-ja', sample: 'invoice', locale: 'ja' },
  { name: 'credit_note-de', sample: 'credit_note', locale: 'de' },
  { name: 'shipment_note-zh', sample: 'shipment_note', locale: 'zh' },
] as const;

export const REFERENCE_DIR = new URL('../reference/', import.meta.url);

export interface GreyImage {
  width: number;
  height: number;
  pixels: Buffer;
}

/** Parses a binary PGM (P5), which is what `pdftoppm -gray` writes. */
export function parsePgm(data: Buffer): GreyImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a binary 8-bit PGM');
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: data.subarray(whole.length) };
}

/** Prints each case's sample document (with the sample theme) and rasterizes its first page. */
export async function renderReferencePages(): Promise<Map<string, { pgm: Buffer; pdfFile: string }>> {
  const renderer = createChromiumRenderer({ batch: false });
  const dir = mkdtempSync(join(tmpdir(), 'folio-ref-'));
  const theme = themeSchema.parse(JSON.parse(readFileSync(new URL('../../../samples/theme.json', import.meta.url), 'utf8')));
  const pages = new Map<string, { pgm: Buffer; pdfFile: string }>();
  try {
    for (const { name, sample, locale } of REFERENCE_CASES) {
      const document = documentSchema.parse(JSON.parse(readFileSync(new URL(`../../../samples/${sample}.json`, import.meta.url), 'utf8')));
      const pdf = await renderer.renderPdf(renderDocumentHtml(document, { locale, theme }).html);
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, pdf);
      // pdftoppm writes <root>.pgm (it prints nothing to stdout for -gray).
      execFileSync('pdftoppm', ['-r', '40', '-gray', '-f', '1', '-l', '1', '-singlefile', file, join(dir, name)]);
      pages.set(name, { pgm: readFileSync(join(dir, `${name}.pgm`)), pdfFile: file });
    }
  } finally {
    await renderer.close();
  }
  return pages;
}
