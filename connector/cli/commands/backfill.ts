import { z } from 'zod';
import { loadCliFallbacks } from '../../config.ts';
import { FluentHttpClient } from '../../fetch/fluent-http-client.ts';
import { createJobQueue } from '../../queue/create-job-queue.ts';
import type { ReconciledEntityType } from '../../reconcile/billing-entity.ts';
import { RESULT_LANDS_FROM, runBackfill, type BackfillItem } from '../../reconcile/backfill.ts';
import { createPacer } from '../../reconcile/rate-limit.ts';
import { UsageError, type Command } from '../command.ts';
import { databaseFromEnv } from '../database-from-env.ts';
import { asUsage, CONNECTION_OPTIONS, CONNECTION_USAGE, connectionFrom, parseOptions, retailerFrom } from './fluent-options.ts';
import { terminalProgress } from './backfill-progress.ts';

/** --type words: Folio's document type names, and the Fluent entity each is searched on. */
const TYPES: Record<string, ReconciledEntityType> = { invoice: 'INVOICE', credit_note: 'CREDIT_MEMO' };

const sinceSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'a date (2026-01-31) or an ISO timestamp' });
const rateSchema = z.coerce.number().positive('above 0').max(1000, 'at most 1000');

export const backfillCommand: Command = {
  path: ['backfill'],
  summary: 'Request documents for entities created before Folio was installed (idempotent)',
  usage: [
    'Usage: folio backfill --since DATE [--type invoice,credit_note] [--dry-run] [--rate N] [--retailer ID]',
    '',
    'Finds the invoices and credit memos created in Fluent since DATE that have no Folio document, and',
    'requests each one as its webhook would have: the request goes into Folio\'s own inbox, and a running',
    'connector makes the document. Pages through Fluent, at most --rate requests per second (default',
    'FOLIO_SWEEP_RATE, else 5). Running it again requests nothing that is documented or already requested,',
    'even while the first run\'s documents are still being made.',
    '',
    'Where the result lands: the connector reports each document with FolioDocumentGenerated (or',
    "FolioDocumentFailed), as for any document, and Folio's workflow applies it only from these statuses:",
    `  ${RESULT_LANDS_FROM.join(', ')}`,
    'CREATED is among them for this command: an entity made before Folio was installed never left it, and',
    'ends DOCUMENT_GENERATED with its links (assuming, as the emulator does, that Fluent runs an older',
    "entity's events on the workflow installed now). An entity in another status (yours, e.g. PAID) is",
    'skipped and listed, because its links would not land: add that status to the triggers of the',
    'FolioDocumentGenerated and FolioDocumentFailed rulesets of your merged workflow, push it, and run',
    'backfill again (it picks up what it skipped). Payments are not searched (Fluent\'s GraphQL has no',
    'payment search query).',
    '',
    'Options:',
    '  --since DATE           created on or after: 2026-01-31 or an ISO timestamp (required)',
    '  --type LIST            invoice, credit_note (default both)',
    '  --dry-run              change nothing; list what would be requested',
    '  --rate N               requests per second',
    '  --retailer ID          Fluent retailer                                  FLUENT_RETAILER_ID (1)',
    '',
    CONNECTION_USAGE,
    '',
    'Output: a progress bar on stderr when it is a terminal; otherwise one JSON line on stdout,',
    '{"found":…,"requested":…,"skipped":…,"alreadyDocumented":…,"alreadyRequested":…,"wouldRequest":…,"dryRun":…}.',
    'Uses DATABASE_URL, else the embedded database under FOLIO_DATA_DIR (default var); the embedded',
    'database serves one process, so stop the connector while backfill runs on it.',
  ].join('\n'),
  async run(args) {
    const values = parseOptions(args, {
      ...CONNECTION_OPTIONS,
      since: { type: 'string' },
      type: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      rate: { type: 'string' },
      retailer: { type: 'string' },
    });
    if (!values.since) throw new UsageError('missing --since DATE');
    const since = asUsage(() => new Date(parse(sinceSchema, values.since, '--since')).toISOString());
    const entityTypes = asUsage(() => typesFrom(values.type));
    const rate = asUsage(() => parse(rateSchema, values.rate ?? String(loadCliFallbacks().FOLIO_SWEEP_RATE), values.rate ? '--rate' : 'FOLIO_SWEEP_RATE'));
    const connection = connectionFrom(values);
    const retailerId = retailerFrom(values.retailer);
    const dryRun = values['dry-run'];

    const fluent = new FluentHttpClient(connection);
    const db = await databaseFromEnv();
    const queue = createJobQueue(db, { onError: () => {} });
    const tty = process.stderr.isTTY === true;
    const progress = tty ? terminalProgress(process.stderr) : undefined;
    const skipped: BackfillItem[] = [];
    try {
      await queue.start();
      const summary = await runBackfill(
        { fluent, db, queue, pace: createPacer(rate) },
        { accountId: connection.accountId, retailerId, since, entityTypes, dryRun },
        (state, item) => {
          progress?.update(state);
          if (item?.outcome === 'skipped') skipped.push(item);
          if (item?.outcome === 'would-request') writeAbove(progress, `would request ${item.entity.entityType} ${item.entity.ref} (${item.entity.status})`);
        },
      );
      progress?.end();
      for (const item of skipped) console.error(`skipped ${item.entity.entityType} ${item.entity.ref}: ${item.reason}`);
      if (tty)
        console.log(
          `${summary.found} found, ${dryRun ? `${summary.wouldRequest} would be requested (dry run)` : `${summary.requested} requested`}, ${summary.alreadyDocumented} already documented, ${summary.alreadyRequested} already requested, ${summary.skipped} skipped`,
        );
      else console.log(JSON.stringify(summary));
      return 0;
    } finally {
      await queue.stop();
      await db.close();
    }
  },
};

function parse<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${name} "${String(value)}" is not valid: ${result.error.issues[0]?.message ?? ''}`);
  return result.data;
}

function typesFrom(list: string | undefined): ReconciledEntityType[] {
  if (!list) return Object.values(TYPES);
  return [
    ...new Set(
      list.split(',').map((word) => {
        const type = TYPES[word.trim().toLowerCase()];
        if (!type) throw new Error(`--type "${word}" is not one of ${Object.keys(TYPES).join(', ')}${word.trim() === 'payment_receipt' ? ' (payments have no search query in Fluent)' : ''}`);
        return type;
      }),
    ),
  ];
}

/** A line printed while the bar is drawn goes above it: clear the bar's line first (it is redrawn next). */
function writeAbove(progress: unknown, line: string): void {
  if (progress) process.stderr.write('\r\x1b[2K');
  console.log(line);
}
