import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open-database.ts';

/**
 * The database a CLI command works on: the same one the connector uses (DATABASE_URL, else the
 * embedded PGlite under FOLIO_DATA_DIR), without needing the connector's full configuration.
 */
export function databaseFromEnv(env: Record<string, string | undefined> = process.env): Promise<Database> {
  return openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: join(env.FOLIO_DATA_DIR ?? 'var', 'db') });
}

export function dataDirFromEnv(env: Record<string, string | undefined> = process.env): string {
  return env.FOLIO_DATA_DIR ?? 'var';
}
