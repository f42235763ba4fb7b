import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { lockDataDir } from '../../connector/db/data-dir-lock.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function dataDir(): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), 'folio-lock-'));
  dirs.push(parent);
  return join(parent, 'db');
}

it('lets one opener at a time have a PGlite data directory', async () => {
  const dir = await dataDir();
  const unlock = await lockDataDir(dir);
  await expect(lockDataDir(dir)).rejects.toThrow(/already open in this process/);
  await unlock();
  const again = await lockDataDir(dir);
  await again();
});

it('refuses a directory held by another running process', async () => {
  const dir = await dataDir();
  await writeFile(`${dir}.pid`, String(process.ppid));
  await expect(lockDataDir(dir)).rejects.toThrow(new RegExp(`in use by process ${process.ppid}`));
});

it('takes over the lock of a process that died', async () => {
  const dir = await dataDir();
  await writeFile(`${dir}.pid`, '2147483646');
  const unlock = await lockDataDir(dir);
  expect(await readFile(`${dir}.pid`, 'utf8')).toBe(String(process.pid));
  await unlock();
});
