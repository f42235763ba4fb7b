import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  pixels: Uint8Array;
}

/** Parses the binary PGM (P5, 8-bit) that `pdftoppm -gray` writes. */
function parsePgm(data: Buffer): GrayImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: new Uint8Array(data.subarray(whole.length)) };
}

/** One page of the PDF rasterised in grey by poppler's pdftoppm, as the reader would see it printed. */
export async function rasterPage(pdf: Buffer, page = 1, dpi = 80): Promise<GrayImage> {
  const dir = await mkdtemp(path.join(tmpdir(), 'folio-raster-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    await run('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, path.join(dir, 'page')]);
    return parsePgm(await readFile(path.join(dir, 'page.pgm')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Region {
  /** Fractions of the page: 0 … 1 from the top-left corner. */
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The region's pixels, row by row. */
export function crop(image: GrayImage, region: Region): Uint8Array {
  const x0 = Math.floor(region.left * image.width);
  const x1 = Math.ceil(region.right * image.width);
  const y0 = Math.floor(region.top * image.height);
  const y1 = Math.ceil(region.bottom * image.height);
  const out = new Uint8Array((x1 - x0) * (y1 - y0));
  for (let y = y0; y < y1; y += 1) out.set(image.pixels.subarray(y * image.width + x0, y * image.width + x1), (y - y0) * (x1 - x0));
  return out;
}

/** Share of pixels darker than mid-grey: ink. */
export function inkRatio(pixels: Uint8Array): number {
  let dark = 0;
  for (const value of pixels) if (value < 128) dark += 1;
  return dark / pixels.length;
}

/** Share of pixels that differ by more than `threshold` grey levels between two same-sized crops. */
export function differingRatio(a: Uint8Array, b: Uint8Array, threshold = 64): number {
  let differing = 0;
  for (let i = 0; i < a.length; i += 1) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > threshold) differing += 1;
  return differing / a.length;
}
