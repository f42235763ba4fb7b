import type { Queryable } from '../db/database.ts';

/** One series as an auditor sees it: what was issued, and what is missing or issued twice. */
export interface SeriesReport {
  series: string;
  /** Documents in the series. */
  count: number;
  min: number;
  max: number;
  /** Sequence numbers from 1 up to the last one handed out that have no document (first 1,000). */
  gaps: number[];
  gapCount: number;
  /** Sequence numbers held by more than one document. */
  duplicates: number[];
}

const MAX_LISTED_GAPS = 1000;

/**
 * Checks every series for gaps and duplicates. A series starts at 1 and its counter says how far it
 * went, so numbers handed out past the last document (a lost insert) count as gaps too.
 *
 * `table` is for checking a copy without the unique constraints (an import, an audit extract); the
 * constraints on folio_documents make duplicates there impossible.
 */
export async function findNumberingGaps(db: Queryable, options: { table?: string } = {}): Promise<SeriesReport[]> {
  const table = options.table ?? 'folio_documents';
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);

  const stats = await db.query<{ series: string; count: number; min: number; max: number }>(
    `SELECT series, count(*) AS count, min(seq) AS min, max(seq) AS max FROM ${table} GROUP BY series`,
  );
  // Gaps as ranges between neighbours, so a long series costs one row per gap, not per number.
  const holes = await db.query<{ series: string; first: number; last: number }>(
    `SELECT series, coalesce(previous, 0) + 1 AS first, seq - 1 AS last
       FROM (SELECT series, seq, lag(seq) OVER (PARTITION BY series ORDER BY seq) AS previous FROM ${table}) neighbours
      WHERE seq - coalesce(previous, 0) > 1
      ORDER BY series, first`,
  );
  const doubles = await db.query<{ series: string; seq: number }>(
    `SELECT series, seq FROM ${table} GROUP BY series, seq HAVING count(*) > 1 ORDER BY series, seq`,
  );

  const reports = new Map<string, SeriesReport>();
  const report = (series: string) => {
    let entry = reports.get(series);
    if (!entry) reports.set(series, (entry = { series, count: 0, min: 0, max: 0, gaps: [], gapCount: 0, duplicates: [] }));
    return entry;
  };
  const addGap = (entry: SeriesReport, first: number, last: number) => {
    entry.gapCount += last - first + 1;
    for (let n = first; n <= last && entry.gaps.length < MAX_LISTED_GAPS; n++) entry.gaps.push(n);
  };

  for (const row of stats.rows) Object.assign(report(row.series), { count: Number(row.count), min: Number(row.min), max: Number(row.max) });
  for (const row of holes.rows) addGap(report(row.series), Number(row.first), Number(row.last));
  // Only folio_documents has a counter to compare with; a copy is checked on its own rows.
  if (table === 'folio_documents') {
    const counters = await db.query<{ series: string; last: number }>('SELECT series, next_value - 1 AS last FROM folio_number_series');
    for (const row of counters.rows) {
      const entry = report(row.series);
      if (Number(row.last) > entry.max) addGap(entry, entry.max + 1, Number(row.last));
    }
  }
  for (const row of doubles.rows) report(row.series).duplicates.push(Number(row.seq));
  return [...reports.values()].sort((a, b) => a.series.localeCompare(b.series));
}
