import type { Logger } from '../log.ts';
import type { Queryable } from './database.ts';
import { repeatEvery, type Repeating } from '../core/repeat-every.ts';

/**
 * Autovacuum for the embedded database. PGlite is PostgreSQL in single-user mode: `autovacuum` reads
 * `on`, but there is no launcher process, so nothing ever vacuums or analyses. Every update and delete
 * (a job's claim and completion, a document's status, an inbox row) leaves a dead row and a dead index
 * entry behind for good, and tables and indexes grow for as long as the connector runs. This applies
 * PostgreSQL's own autovacuum rule (its default thresholds) to the tables that need it, one table per
 * statement so webhooks and jobs get the connection between them.
 */
const VACUUM_THRESHOLD = 50;
const VACUUM_SCALE_FACTOR = 0.2;
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE_FACTOR = 0.1;

export interface VacuumPass {
  vacuumed: string[];
  analysed: string[];
  ms: number;
}

interface TableStats {
  schema: string;
  name: string;
  dead: number;
  live: number;
  modified: number;
}

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** One pass: vacuums (and analyses) each table past autovacuum's dead-row threshold, analyses the ones past its change threshold. */
export async function vacuumWhatNeedsIt(db: Queryable): Promise<VacuumPass> {
  const started = performance.now();
  const { rows } = await db.query<TableStats>(
    `SELECT schemaname AS schema, relname AS name, n_dead_tup::float8 AS dead, n_live_tup::float8 AS live, n_mod_since_analyze::float8 AS modified
       FROM pg_stat_user_tables ORDER BY n_dead_tup DESC`,
  );
  const pass: VacuumPass = { vacuumed: [], analysed: [], ms: 0 };
  for (const row of rows) {
    const table = `${row.schema}.${row.name}`;
    const name = `${quoted(row.schema)}.${quoted(row.name)}`;
    if (row.dead > VACUUM_THRESHOLD + VACUUM_SCALE_FACTOR * row.live) {
      await db.query(`VACUUM (ANALYZE) ${name}`);
      pass.vacuumed.push(table);
    } else if (row.modified > ANALYZE_THRESHOLD + ANALYZE_SCALE_FACTOR * row.live) {
      await db.query(`ANALYZE ${name}`);
      pass.analysed.push(table);
    }
  }
  pass.ms = Math.round(performance.now() - started);
  return pass;
}

export type EmbeddedVacuum = Repeating<VacuumPass>;

/** Runs a pass every intervalMs, one at a time. A failed pass is logged; the next one tries again. */
export function startEmbeddedVacuum(db: Queryable, options: { intervalMs: number; log: Logger }): EmbeddedVacuum {
  return repeatEvery(
    options.intervalMs,
    async () => {
      const pass = await vacuumWhatNeedsIt(db);
      if (pass.vacuumed.length + pass.analysed.length > 0) options.log.info(pass, 'embedded database vacuumed');
      return pass;
    },
    (error) => options.log.error({ err: error }, 'embedded database vacuum failed; trying again at the next interval'),
  );
}
