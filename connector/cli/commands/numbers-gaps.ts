import { parseArgs } from 'node:util';
import { findNumberingGaps, type SeriesReport } from '../../numbering/numbering-gaps.ts';
import type { Command } from '../command.ts';
import { databaseFromEnv } from '../database-from-env.ts';

/** Gaps listed in full up to this many per series; the count is always exact. */
const SHOWN = 20;

function formatTable(reports: readonly SeriesReport[]): string {
  if (reports.length === 0) return 'no document numbers issued yet';
  const rows = reports.map((r) => {
    const gaps = r.gaps.slice(0, SHOWN).join(', ') + (r.gapCount > SHOWN ? ` … (${r.gapCount} in all)` : '');
    return [r.series, String(r.count), r.count ? `${r.min}–${r.max}` : '', r.gapCount ? gaps : '—', r.duplicates.length ? r.duplicates.join(', ') : '—'];
  });
  const header = ['SERIES', 'DOCUMENTS', 'RANGE', 'GAPS', 'DUPLICATES'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export const numbersGapsCommand: Command = {
  path: ['numbers', 'gaps'],
  summary: 'Report any gap or duplicate in the document number series (exit 1 when there is one)',
  usage: [
    'Usage: folio numbers gaps [--json]',
    '',
    'Checks every series (retailer × country × document type by default) from 1 to the last number',
    'handed out: a number with no document is a gap, a number on two documents a duplicate.',
    '  --json   one JSON object: {"ok": bool, "series": [{series, count, min, max, gaps, gapCount, duplicates}]}',
    '',
    'Exit code 0 when every series is gap-free, 1 when a gap or duplicate exists.',
    'Uses DATABASE_URL, else the embedded database under FOLIO_DATA_DIR (default var).',
  ].join('\n'),
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const db = await databaseFromEnv();
    try {
      const reports = await findNumberingGaps(db);
      const ok = reports.every((r) => r.gapCount === 0 && r.duplicates.length === 0);
      if (values.json) console.log(JSON.stringify({ ok, series: reports }));
      else {
        console.log(formatTable(reports));
        console.log(ok ? '\n✔ every series is gap-free' : '\n✘ gaps or duplicates found');
      }
      return ok ? 0 : 1;
    } finally {
      await db.close();
    }
  },
};
