import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cpuProfileSchema, type CpuProfile } from './cpu-profile-parts.ts';

/**
 * The main thread's profile of one process from a --cpu-prof folder. Node names each file
 * CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile; the main thread is thread 0 (workers count up).
 */
export async function readMainThreadProfile(dir: string, pid: number): Promise<CpuProfile> {
  const pattern = new RegExp(`^CPU\\.\\d+\\.\\d+\\.${pid}\\.0\\.\\d+\\.cpuprofile$`);
  const files = (await readdir(dir)).filter((name) => pattern.test(name));
  if (files.length !== 1) throw new Error(`${dir} holds ${files.length} main-thread profiles of process ${pid}, not one`);
  return cpuProfileSchema.parse(JSON.parse(await readFile(join(dir, files[0]!), 'utf8')));
}
