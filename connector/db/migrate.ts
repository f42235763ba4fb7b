import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScriptableDatabase } from './database.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies connector/db/migrations/*.sql in file-name order, each once (recorded in folio_migrations
 * with its hash). Ranges: 001–099 database and queue, 200–299 audit, links, outbox.
 *
 * All pending files run in one transaction behind a transaction-scoped advisory lock: two processes
 * starting at once on PostgreSQL take turns, and the second finds everything applied. The cost is
 * that a migration cannot use statements that refuse a transaction (CREATE INDEX CONCURRENTLY).
 * A file changed after it was applied is an error, not silently skipped: the schema would differ
 * from what the file says.
 */
export async function migrate(db: ScriptableDatabase, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const scripts = await Promise.all(
    files.map(async (name) => {
      const sql = await readFile(join(dir, name), 'utf8');
      return { name, sql, sha256: createHash('sha256').update(sql).digest('hex') };
    }),
  );
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('folio_migrations'))`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS folio_migrations (
      name       text PRIMARY KEY,
      sha256     text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ name: string; sha256: string }>('SELECT name, sha256 FROM folio_migrations');
    const applied = new Map(rows.map((row) => [row.name, row.sha256]));
    const newlyApplied: string[] = [];
    for (const script of scripts) {
      const appliedHash = applied.get(script.name);
      if (appliedHash === script.sha256) continue;
      if (appliedHash !== undefined) {
        throw new Error(`migration ${script.name} was changed after it was applied; add a new migration instead`);
      }
      try {
        await tx.exec(script.sql);
      } catch (error) {
        throw new Error(`migration ${script.name} failed: ${(error as Error).message}`, { cause: error });
      }
      await tx.query('INSERT INTO folio_migrations (name, sha256) VALUES ($1, $2)', [script.name, script.sha256]);
      newlyApplied.push(script.name);
    }
    return newlyApplied;
  });
}
