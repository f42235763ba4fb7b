import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../../../connector/db/database.ts';

/** Every file under dir, recursively (the local store's PDFs), leaving out its metadata folder. */
export async function storedPdfs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.pdf') && !join(e.parentPath, e.name).includes('.folio-meta')).map((e) => join(e.parentPath, e.name));
}

/** folio_documents rows for an entity, with the series counter: one row and no gap means one number. */
export async function documentsFor(db: Queryable, entityRef: string) {
  const { rows } = await db.query<{ key: string; number: string; status: string; series: string; seq: string }>(
    'SELECT key, number, status, series, seq::text AS seq FROM folio_documents WHERE entity_ref = $1',
    [entityRef],
  );
  return rows;
}

/** How many times a pipeline step ran for an entity, from the audit trail (rendered, stored, reported…). */
export async function stepCount(db: Queryable, entityRef: string, step: string): Promise<number> {
  const { rows } = await db.query<{ count: string }>('SELECT count(*)::text AS count FROM folio_audit_events WHERE entity_ref = $1 AND step = $2', [entityRef, step]);
  return Number(rows[0]?.count ?? 0);
}
