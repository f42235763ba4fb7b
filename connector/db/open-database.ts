import { PGlite } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import { lockDataDir } from './data-dir-lock.ts';
import type { ScriptableDatabase } from './database.ts';
import { migrate, MIGRATIONS_DIR } from './migrate.ts';
import { PgliteDatabase } from './pglite-database.ts';
import { PostgresDatabase } from './postgres-database.ts';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent, an embedded PGlite database at dataDir is used. */
  databaseUrl?: string;
  /** PGlite data directory (default ./var/db); created if missing. */
  dataDir?: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  migrationsDir?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/** Opens the database Folio runs on and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<ScriptableDatabase> {
  const db = options.databaseUrl
    ? new PostgresDatabase({ connectionString: options.databaseUrl, poolSize: options.poolSize })
    : await openPglite(options.dataDir ?? './var/db');
  if (options.migrate !== false) {
    try {
      await migrate(db, options.migrationsDir ?? MIGRATIONS_DIR);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  return db;
}

async function openPglite(dataDir: string): Promise<PgliteDatabase> {
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  try {
    return new PgliteDatabase(await PGlite.create({ dataDir }), unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}
