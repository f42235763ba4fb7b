import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_TEMPLATES_DIR } from '../../../connector/render/html.ts';

/** A private copy of the real templates, so tests can add retailer overrides without touching the repo. */
export async function copyOfTemplates(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'folio-templates-'));
  await cp(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
  return dir;
}

export async function writeTemplate(root: string, name: string, source: string): Promise<void> {
  const file = path.join(root, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, source);
}
