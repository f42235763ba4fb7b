import { fromPglite, type Db, type PgBoss } from 'pg-boss';
import type { Database, Queryable } from '../db/database.ts';
import { PgliteDatabase } from '../db/pglite-database.ts';
import { PostgresDatabase } from '../db/postgres-database.ts';

/**
 * How pg-boss reaches Folio's database. It shares the connection (PGlite) or pool (PostgreSQL) the
 * rest of Folio uses rather than opening its own, so there is one place that owns connections.
 */
export function bossDatabaseFor(db: Database): Db {
  // pg-boss's own PGlite adapter runs its multi-statement maintenance scripts through exec().
  if (db instanceof PgliteDatabase) return fromPglite(db.forQueue());
  if (db instanceof PostgresDatabase) {
    return {
      async executeSql(text, values) {
        // Without parameters node-postgres runs several statements and answers with one result each;
        // pg-boss wants their rows together (its locked BEGIN … COMMIT blocks return rows mid-script).
        const result: unknown = await db.pool.query(text, values);
        return Array.isArray(result) ? { rows: result.flatMap((part: { rows?: unknown[] }) => part.rows ?? []) } : (result as { rows: unknown[] });
      },
    };
  }
  throw new Error('createJobQueue needs a database opened by openDatabase()');
}

/** An executor that runs pg-boss's statements inside one of our transactions (send({ db })). */
export function bossExecutorIn(tx: Queryable): Db {
  return { executeSql: (text, values) => tx.query(text, values) };
}

/**
 * Starts a pg-boss instance, installing its schema if missing. On PostgreSQL, processes starting at once
 * on an empty database would each find pg-boss not installed and race to install it (seen as a
 * duplicate key on pg_namespace); a session advisory lock makes them take turns, and the later ones find
 * it installed. PGlite is one process.
 */
export async function startBoss(db: Database, boss: PgBoss): Promise<void> {
  if (!(db instanceof PostgresDatabase)) return void (await boss.start());
  const client = await db.pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('folio_queue_install'))`);
    try {
      await boss.start();
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('folio_queue_install'))`);
    }
  } finally {
    client.release();
  }
}
