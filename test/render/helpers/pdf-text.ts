import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a poppler tool on the PDF bytes (written to a temp file: poppler reads files, not stdin). */
async function withPdfFile<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'folio-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface PdfTextOptions {
  /** Only this page (1-based). */
  page?: number;
  /** false: reading order instead of the physical layout, so a wrapped block is not interleaved with its neighbour column. */
  layout?: boolean;
}

/** Text of the whole PDF, or of one page, as `pdftotext -layout` lays it out (unless layout is false). */
export async function pdfText(pdf: Buffer, options: PdfTextOptions = {}): Promise<string> {
  return withPdfFile(pdf, async (file) => {
    const range = options.page === undefined ? [] : ['-f', String(options.page), '-l', String(options.page)];
    const mode = options.layout === false ? [] : ['-layout'];
    const { stdout } = await run('pdftotext', [...mode, '-enc', 'UTF-8', ...range, file, '-'], { maxBuffer: 64 << 20 });
    return stdout;
  });
}

/** Text of every page, in order (one pdftotext run, split on the form feed it puts after each page). */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const text = await pdfText(pdf);
  return text.split('\f').slice(0, -1);
}

export async function pdfInfo(pdf: Buffer): Promise<{ pages: number; pageSize: string }> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1]);
    const pageSize = /^Page size:\s+(.*)$/m.exec(stdout)?.[1] ?? '';
    return { pages, pageSize };
  });
}

/** Names of the fonts embedded in the PDF (subset prefix removed), from `pdffonts`. */
export async function pdfFonts(pdf: Buffer): Promise<string[]> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdffonts', [file]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => (line.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''));
  });
}

/** Every font in the PDF with whether it is embedded (pdffonts' "emb" column). */
export async function pdfFontTable(pdf: Buffer): Promise<Array<{ name: string; embedded: boolean }>> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdffonts', [file]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        // Columns from the right: emb sub uni object-number generation; the type may contain spaces.
        const fields = line.trim().split(/\s+/);
        return { name: (fields[0] ?? '').replace(/^[A-Z]{6}\+/, ''), embedded: fields[fields.length - 5] === 'yes' };
      });
  });
}

export interface Word {
  text: string;
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  pageWidth: number;
  pageHeight: number;
}

/**
 * Every word with its position on its page, from `pdftotext -bbox` (points, origin top-left). Words in
 * right-to-left scripts come back in visual order, i.e. with their letters reversed.
 */
export async function pdfWords(pdf: Buffer): Promise<Word[]> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 });
    const words: Word[] = [];
    let page = 0;
    let pageWidth = 0;
    let pageHeight = 0;
    for (const line of stdout.split('\n')) {
      const pageMatch = /<page width="([\d.]+)" height="([\d.]+)"/.exec(line);
      if (pageMatch) {
        page += 1;
        pageWidth = Number(pageMatch[1]);
        pageHeight = Number(pageMatch[2]);
        continue;
      }
      const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (word) {
        const text = (word[5] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        words.push({ text, page, xMin: Number(word[1]), yMin: Number(word[2]), xMax: Number(word[3]), yMax: Number(word[4]), pageWidth, pageHeight });
      }
    }
    return words;
  });
}
