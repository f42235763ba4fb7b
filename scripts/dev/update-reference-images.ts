/**
 * Re-creates the reference page images under test/render/reference after a deliberate change to the
 * templates or fonts, with PNG previews under var/reference-preview. Look at every preview before
 * committing: the test compares against these images, so a wrong one would make a wrong document pass.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REFERENCE_DIR, renderReferencePages } from '../../test/render/support/page-image.ts';

mkdirSync('var/reference-preview', { recursive: true });
for (const [name, { pgm, pdfFile }] of await renderReferencePages()) {
  const file = fileURLToPath(new URL(`${name}.pgm`, REFERENCE_DIR));
  writeFileSync(file, pgm);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdfFile, `var/reference-preview/${name}`]);
  console.log(`wrote ${file} (preview var/reference-preview/${name}.png)`);
}
