import { parseArgs } from 'node:util';
import type { Operator } from '../../connector/console/roles.ts';
import { openDatabase } from '../../connector/db/open-database.ts';
import { freshDatabase } from '../load/rig.ts';
import { startConsoleApp } from './console-app.ts';
import { seedDocuments } from './console-seed.ts';
import { percentile } from './stats.ts';

/**
 * `npm run bench:console`: the operator console's order and document list over 100,000 documents in
 * PostgreSQL (a fresh database on the local server): 90,000 of the operator's retailer and 10,000 of
 * another. Each filter below is asked for `--requests` times over HTTP, one request at a time, with a
 * different value each time, through the console's router with a signed-in support operator scoped to
 * one retailer (and once as an operator of every retailer). Prints one JSON line per filter and a
 * summary; exit 1 if a filtered page's p95 is 200 ms or more.
 */
const { values } = parseArgs({ options: { documents: { type: 'string', default: '100000' }, requests: { type: 'string', default: '200' } } });
const DOCUMENTS = Number(values.documents);
const REQUESTS = Number(values.requests);
const TARGET_P95_MS = 200;

const ops: Record<string, Operator> = {
  scoped: { subject: 'bench-support', name: 'bench', role: 'support', retailers: ['ACME:1'] },
  everyone: { subject: 'bench-admin', name: 'bench', role: 'admin', retailers: ['*'] },
};
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
const own = Math.round(DOCUMENTS * 0.9);

/** Each filter, as the form sends it, varied per request. */
const FILTERS: { name: string; operator: keyof typeof ops; query: (i: number) => string }[] = [
  { name: 'first page', operator: 'scoped', query: () => '' },
  { name: 'order ref', operator: 'scoped', query: (i) => `order=M-${String(1 + ((i * 7919) % own)).padStart(6, '0')}` },
  { name: 'order ref prefix (about 100 orders)', operator: 'scoped', query: (i) => `order=M-0${String(100 + ((i * 37) % 800))}` },
  { name: 'order ref prefix (about 10,000 orders)', operator: 'scoped', query: (i) => `order=M-0${(i % 8) + 1}` },
  { name: 'customer prefix', operator: 'scoped', query: (i) => `customer=${pick(['ada', 'grace', 'alan', 'edsger', 'barbara'], i)}` },
  { name: 'failed invoices', operator: 'scoped', query: () => 'status=failed&type=invoice' },
  { name: 'not invoiced', operator: 'scoped', query: () => 'invoiced=no' },
  { name: 'channel + date range', operator: 'scoped', query: (i) => `channel=${pick(['web', 'store', 'marketplace'], i)}&from=${day(40)}&to=${day(20)}` },
  { name: 'type + status + invoiced + channel', operator: 'scoped', query: (i) => `type=order_confirmation&status=reported&invoiced=no&channel=${pick(['store', 'marketplace'], i)}` },
  { name: 'every retailer, failed', operator: 'everyone', query: () => 'status=failed' },
];

const database = await freshDatabase();
const db = await openDatabase({ databaseUrl: database.url });
const app = await startConsoleApp(db);
try {
  // A minute apart, the newest now: 90,000 documents span about two months.
  await seedDocuments(db, { account: 'ACME', retailer: '1', count: own, prefix: 'M' });
  await seedDocuments(db, { account: 'ACME', retailer: '2', count: DOCUMENTS - own, prefix: 'N' });
  // As a table long in use is: statistics gathered, visibility map set (autovacuum's work), so counts can read indexes alone.
  await db.query('VACUUM ANALYZE folio_documents');
  // One untimed request first: the page template compiles on first use.
  await (await app.get('/console/documents', ops['scoped']!)).text();
  const results = [];
  for (const filter of FILTERS) {
    const timings: number[] = [];
    let rows = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const started = performance.now();
      const response = await app.get(`/console/documents?${filter.query(i)}`, ops[filter.operator]!);
      const html = await response.text();
      timings.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`${filter.name}: HTTP ${response.status}`);
      rows += (html.match(/<tr data-key=/g) ?? []).length;
    }
    timings.sort((a, b) => a - b);
    const line = { bench: 'console-list', filter: filter.name, documents: DOCUMENTS, requests: REQUESTS, meanRows: rows / REQUESTS, p50Ms: round(percentile(timings, 50)), p95Ms: round(percentile(timings, 95)), maxMs: round(timings.at(-1)!) };
    console.log(JSON.stringify(line));
    results.push(line);
  }
  const worst = Math.max(...results.map((r) => r.p95Ms));
  console.log(JSON.stringify({ bench: 'console-list', summary: true, database: 'postgres', documents: DOCUMENTS, worstP95Ms: worst, targetP95Ms: TARGET_P95_MS, met: worst < TARGET_P95_MS }));
  process.exitCode = worst < TARGET_P95_MS ? 0 : 1;
} finally {
  await app.close();
  await db.close();
  await database.drop();
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
