import type { Database } from '../../../connector/db/database.ts';
import { freshPgliteDatabase } from '../../support/databases.ts';

/**
 * A fresh embedded database with every migration applied, for this area's tests; close() also
 * deletes it. (The shared helper in test/support/databases.ts does the work.)
 */
export async function createTestDatabase(): Promise<Database> {
  const fresh = await freshPgliteDatabase();
  const db = fresh.db;
  return {
    engine: db.engine,
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) => db.transaction(fn),
    submit: (sql, params) => db.submit(sql, params),
    close: () => fresh.dispose(),
  };
}
