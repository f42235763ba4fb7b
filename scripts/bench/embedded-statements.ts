/**
 * `npm run bench:db`: what the database work of one document costs on the embedded PGlite, through
 * Folio's PgliteDatabase (named prepared statements, db/pglite-prepared.ts) against PGlite's own
 * query() (an unnamed statement, parsed and planned each time) as the baseline, in the same run on the
 * same data directory. A document's statements as the pipeline runs them: number it (which answers its
 * record, so there is no look-up first), audit, mark it stored, audit, mark it reported. Runs alternate,
 * so a machine that speeds up or slows down meanwhile touches both. Prints one JSON line per round and a
 * summary with the medians.
 *
 *   --documents N   documents per round (default 600)
 *   --rounds N      rounds of each path (default 5)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDocumentRecords } from '../../connector/app/document-records.ts';
import { createAuditTrail } from '../../connector/audit/audit-trail.ts';
import { documentSchema } from '../../connector/core/document-model.ts';
import type { Database, QueryResult } from '../../connector/db/database.ts';
import { openDatabase } from '../../connector/db/open-database.ts';
import type { PgliteDatabase } from '../../connector/db/pglite-database.ts';
import { emit } from '../load/rig.ts';
import { percentile } from './stats.ts';

const { values } = parseArgs({ options: { documents: { type: 'string', default: '600' }, rounds: { type: 'string', default: '5' } } });
const settings = z.object({ documents: z.coerce.number().int().positive(), rounds: z.coerce.number().int().positive() }).parse(values);
const model = documentSchema.parse(JSON.parse(readFileSync(fileURLToPath(new URL('../../samples/invoice.json', import.meta.url)), 'utf8')));

const dataDir = mkdtempSync(join(tmpdir(), 'folio-bench-db-'));
const db = (await openDatabase({ dataDir })) as PgliteDatabase;
/** The baseline: the same statements through PGlite's own query() (records and audit use query() alone). */
const unprepared = {
  query: async <Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> => {
    const result = await db.pglite.query<Row>(sql, params);
    return { rows: result.rows, rowCount: result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0) };
  },
} as unknown as Database;

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Statements sent, counted on their way to either path. */
let statements = 0;
const counted = (inner: Database): Database =>
  new Proxy(inner, {
    get: (target, property, receiver) =>
      property === 'query' ? (sql: string, params?: unknown[]) => ((statements += 1), target.query(sql, params)) : Reflect.get(target, property, receiver),
  });

async function round(path: 'prepared' | 'unprepared', serial: number): Promise<number> {
  const target = counted(path === 'prepared' ? db : unprepared);
  const records = createDocumentRecords(target);
  const audit = createAuditTrail(target);
  const started = cpuMs();
  for (let i = 0; i < settings.documents; i++) {
    const key = `BENCH|1|invoice|INVOICE|${path}-${serial}-${i}`;
    const trail = { entityRef: key, tenant: 'BENCH:1', details: { eventId: `e-${i}` } };
    await records.assignNumber(key, model);
    await audit.record({ step: 'fetched', ...trail });
    await records.markStored(key, { key: `BENCH/1/invoice/${path}-${serial}-${i}.pdf`, sha256: 'a'.repeat(64), size: 1, contentType: 'application/pdf', location: { provider: 'local', path: '/bench' } }, 'bench');
    await audit.record({ step: 'stored', ...trail });
    await records.markReported(key);
  }
  return (cpuMs() - started) / settings.documents;
}

try {
  await round('prepared', 0);
  await round('unprepared', 0);
  const warmUpStatements = statements;
  const perDocument: Record<'prepared' | 'unprepared', number[]> = { prepared: [], unprepared: [] };
  for (let serial = 1; serial <= settings.rounds; serial++) {
    for (const path of ['unprepared', 'prepared'] as const) {
      const ms = await round(path, serial);
      perDocument[path].push(ms);
      emit({ kind: 'round', path, documents: settings.documents, cpuMsPerDocument: Math.round(ms * 100) / 100 });
    }
  }
  const median = (list: number[]) => Math.round(percentile([...list].sort((a, b) => a - b), 50) * 100) / 100;
  emit({ kind: 'summary', statementsPerDocument: Math.round(((statements - warmUpStatements) / (settings.documents * settings.rounds * 2)) * 100) / 100, medianCpuMsPerDocument: { prepared: median(perDocument.prepared), unprepared: median(perDocument.unprepared) }, unpreparedVsPrepared: Math.round((median(perDocument.unprepared) / median(perDocument.prepared)) * 100) / 100 });
} finally {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}
