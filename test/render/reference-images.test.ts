import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePgm, REFERENCE_CASES, REFERENCE_DIR, renderReferencePages } from './support/page-image.ts';

/**
 * Page images against reviewed references (test/render/reference/*.pgm, made by
 * scripts/dev/update-reference-images.ts and looked at before committing). Anti-aliasing may move a
 * few grey levels; a moved block, a missing glyph or a changed layout moves far more.
 */
const MAX_MEAN_DIFFERENCE = 1.5; // grey levels per pixel
const MAX_CHANGED_SHARE = 0.004; // pixels off by more than a quarter of the grey range

describe('pages look like the reviewed reference images', () => {
  let pages: Awaited<ReturnType<typeof renderReferencePages>>;
  beforeAll(async () => {
    pages = await renderReferencePages();
  });

  it.each(REFERENCE_CASES.map((c) => c.name))('%s', (name) => {
    const file = fileURLToPath(new URL(`${name}.pgm`, REFERENCE_DIR));
    expect(existsSync(file), `${file} is missing: run npx tsx scripts/dev/update-reference-images.ts and review it`).toBe(true);
    const reference = parsePgm(readFileSync(file));
    const page = parsePgm(pages.get(name)!.pgm);
    expect([page.width, page.height]).toEqual([reference.width, reference.height]);

    let total = 0;
    let changed = 0;
    for (let i = 0; i < reference.pixels.length; i++) {
      const difference = Math.abs(reference.pixels[i]! - page.pixels[i]!);
      total += difference;
      if (difference > 64) changed++;
    }
    expect(total / reference.pixels.length).toBeLessThan(MAX_MEAN_DIFFERENCE);
    expect(changed / reference.pixels.length).toBeLessThan(MAX_CHANGED_SHARE);
  });

  it('notices a real change: the English invoice does not match the German credit note', () => {
    const a = parsePgm(pages.get('invoice-en')!.pgm);
    const b = parsePgm(readFileSync(fileURLToPath(new URL('credit_note-de.pgm', REFERENCE_DIR))));
    let changed = 0;
    for (let i = 0; i < a.pixels.length; i++) if (Math.abs(a.pixels[i]! - b.pixels[i]!) > 64) changed++;
    expect(changed / a.pixels.length).toBeGreaterThan(MAX_CHANGED_SHARE);
  });
});
