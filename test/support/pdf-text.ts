import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Text of a PDF as poppler's pdftotext reads it (layout kept), so tests read what a person would. */
export function pdfText(pdf: Buffer, pages?: { first: number; last: number }): string {
  const file = join(mkdtempSync(join(tmpdir(), 'folio-pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' });
}
