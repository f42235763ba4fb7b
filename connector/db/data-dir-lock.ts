import { open, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isProcessAlive } from '../core/process-alive.ts';

/**
 * PGlite is a single-process database: two processes opening the same data directory (say the
 * connector and a `folio` CLI command) would corrupt it. A pid file refuses the second one. A file
 * left by a process that died (kill -9) is taken over, since its pid no longer runs — or runs as
 * this very process after a container restart, which the in-process registry tells apart.
 */
const openHere = new Set<string>();

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const dir = resolve(dataDir);
  if (openHere.has(dir)) throw new Error(`PGlite data directory ${dir} is already open in this process; close that database first`);
  // Beside the directory, not in it: initdb wants an empty directory for a new database.
  const path = `${dir}.pid`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      openHere.add(dir);
      return async () => {
        openHere.delete(dir);
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && isProcessAlive(holder)) {
        throw new Error(
          `PGlite data directory ${dir} is in use by process ${holder}; PGlite serves one process at a time ` +
            `(set DATABASE_URL to share a PostgreSQL server). If no such process uses it, delete ${path}.`,
        );
      }
      await rm(path, { force: true }); // left by a process that is gone
    }
  }
  throw new Error(`could not lock PGlite data directory ${dir}`);
}
