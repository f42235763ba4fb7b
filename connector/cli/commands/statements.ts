import { openStatementRuntime } from '../../app/statements-from-config.ts';
import { loadConfig } from '../../config.ts';
import { createAuditTrail } from '../../audit/audit-trail.ts';
import { PermanentError } from '../../core/errors.ts';
import { adjustmentMinor } from '../../statements/adjustment-amount.ts';
import { formatMinor } from '../../statements/format-minor.ts';
import { runStatementCycle, type SellerCycleResult } from '../../statements/run-cycle.ts';
import { addAdjustment } from '../../statements/statement-store.ts';
import { UsageError, type Command } from '../command.ts';
import { parseOptions } from './fluent-options.ts';
import { statementProgress } from './statements-progress.ts';

const ENVIRONMENT = [
  'Uses the connector\'s configuration (FLUENT_*, FOLIO_SELLER as the marketplace, FOLIO_STATEMENT_SELLERS, FOLIO_STATEMENTS,',
  'storage, delivery, DATABASE_URL or the embedded database under FOLIO_DATA_DIR). The embedded database serves one process:',
  'stop the connector while this runs on it.',
].join('\n');

export const statementsRunCommand: Command = {
  path: ['statements', 'run'],
  summary: 'Close a billing cycle per seller: commission invoice and statement, stored and e-mailed',
  usage: [
    'Usage: folio statements run --cycle ID|last [--seller REF] [--dry-run]',
    '',
    'For each marketplace seller (Fluent retailers with a folio.seller setting, else FOLIO_STATEMENT_SELLERS), counts',
    'the cycle\'s confirmed and paid orders with shipping, the commission on them, refunds and the commission they',
    'reverse, and manual adjustments; closes the cycle, and makes its commission invoice and statement: rendered,',
    'stored, e-mailed to the seller and audited. A closed cycle is never recomputed: running it again gives the same',
    'documents and numbers and sends nothing twice, and a refund issued after the cycle closed lands in the next one.',
    '',
    'Options:',
    '  --cycle ID      2026-11 for monthly sellers, 2026-W45 for weekly and biweekly ones, or `last`: each seller\'s',
    '                  last ended cycle. Sellers whose frequency the id does not fit are skipped and listed.',
    '  --seller REF    only this seller',
    '  --dry-run       count and print the payout, close and send nothing',
    '',
    'Output: a progress bar on stderr when it is a terminal, one line per seller; otherwise one JSON line per seller.',
    ENVIRONMENT,
  ].join('\n'),
  run: (args) => runStatements(args, process.env),
};

export async function runStatements(args: string[], env: Record<string, string | undefined>, now = new Date()): Promise<number> {
  const values = parseOptions(args, { cycle: { type: 'string' }, seller: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } });
  if (!values.cycle) throw new UsageError('missing --cycle ID (2026-11, 2026-W45 or last)');
  const config = loadConfig(env);
  const runtime = await openStatementRuntime(config);
  const tty = process.stderr.isTTY === true && env === process.env;
  const progress = tty ? statementProgress(process.stderr) : undefined;
  try {
    const sellers = await runtime.sellers();
    const { results, skipped } = await runStatementCycle(runtime.deps, sellers, { cycleId: values.cycle, sellerRef: values.seller, dryRun: values['dry-run'], now }, (p) => progress?.update(p));
    progress?.end();
    for (const result of results) console.log(tty ? summaryLine(result) : JSON.stringify(result));
    for (const skip of skipped) console.error(`skipped ${skip.sellerRef}: ${skip.reason}`);
    return skipped.length > 0 && results.length === 0 ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

function summaryLine(result: SellerCycleResult): string {
  const documents = result.documents.map((d) => `${d.number}${d.delivery ? ` (${d.delivery})` : ''}`).join(', ');
  return `${result.sellerRef} ${result.cycleId}: ${result.outcome}, ${result.entries} entries, payout ${formatMinor(result.payout.payoutMinor)}${documents ? ` · ${documents}` : ''}`;
}

export const statementsAdjustCommand: Command = {
  path: ['statements', 'adjust'],
  summary: 'Record a manual adjustment (credit or debit) on a seller\'s next statement, with reason and author',
  usage: [
    'Usage: folio statements adjust --seller REF --amount DECIMAL --reason TEXT --author NAME [--cycle ID]   (a debit: --amount=-12.50)',
    '',
    'Credits (a positive amount) or debits (negative) the seller in its payout currency on the statement of the next',
    'cycle that closes, or of the open cycle named with --cycle. Adjustments are audited and never changed: correct one',
    'with another. A closed cycle cannot be adjusted. Prints {"ref":"ADJ-…","seller":…,"amountMinor":…}.',
    '',
    ENVIRONMENT,
  ].join('\n'),
  run: (args) => adjustStatements(args, process.env),
};

export async function adjustStatements(args: string[], env: Record<string, string | undefined>): Promise<number> {
  const values = parseOptions(args, { seller: { type: 'string' }, amount: { type: 'string' }, reason: { type: 'string' }, author: { type: 'string' }, cycle: { type: 'string' } });
  for (const name of ['seller', 'amount', 'reason', 'author'] as const) if (!values[name]) throw new UsageError(`missing --${name}`);
  const config = loadConfig(env);
  const runtime = await openStatementRuntime(config);
  try {
    const seller = (await runtime.sellers()).find((s) => s.ref === values.seller);
    if (!seller) throw new PermanentError(`no seller ${values.seller}`);
    let amountMinor: number;
    try {
      amountMinor = adjustmentMinor(values.amount!, seller.payoutCurrency);
    } catch (error) {
      throw new UsageError(`--amount: ${(error as Error).message}`);
    }
    const added = await addAdjustment(runtime.deps.db, createAuditTrail(runtime.deps.db), { accountId: config.FLUENT_ACCOUNT_ID, seller, amountMinor, reason: values.reason!, author: values.author!, cycleId: values.cycle });
    console.log(JSON.stringify({ ref: added.ref, seller: seller.ref, amountMinor, currency: seller.payoutCurrency, ...(values.cycle && { cycle: values.cycle }) }));
    return 0;
  } finally {
    await runtime.close();
  }
}
