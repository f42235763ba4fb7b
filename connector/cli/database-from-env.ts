import { join } from 'node:path';
import { loadDatabaseConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open-database.ts';

/**
 * The database a CLI command works on: the same one the connector uses (DATABASE_URL, else the
 * embedded PGlite under FOLIO_DATA_DIR), read by the connector's own loader for just those variables,
 * so the command needs no more of the connector's configuration.
 */
export function databaseFromEnv(env?: Record<string, string | undefined>): Promise<Database> {
  const config = loadDatabaseConfig(env);
  return openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: join(config.FOLIO_DATA_DIR, 'db') });
}

export function dataDirFromEnv(env?: Record<string, string | undefined>): string {
  return loadDatabaseConfig(env).FOLIO_DATA_DIR;
}
