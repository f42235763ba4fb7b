import { loadCliFallbacks } from '../../config.ts';
import type { RetailerScope } from '../../api/retailer-scope.ts';
import { UsageError } from '../command.ts';

/** `--account` and `--retailer` as parseArgs options; the account falls back to FLUENT_ACCOUNT_ID. */
export const RETAILER_OPTIONS = {
  account: { type: 'string' },
  retailer: { type: 'string' },
} as const;

export const RETAILER_USAGE = [
  '  --retailer ID   the Fluent retailer id, e.g. 1',
  '  --account ID    the Fluent account id (default: FLUENT_ACCOUNT_ID)',
];

/** The retailer named on the command line; required when `required`, else undefined when --retailer is left out. */
export function retailerFrom(values: { account?: string; retailer?: string }, required: true): RetailerScope;
export function retailerFrom(values: { account?: string; retailer?: string }, required: false): RetailerScope | undefined;
export function retailerFrom(values: { account?: string; retailer?: string }, required: boolean): RetailerScope | undefined {
  if (!values.retailer) {
    if (required) throw new UsageError('name the retailer with --retailer');
    return undefined;
  }
  const accountId = values.account ?? loadCliFallbacks().FLUENT_ACCOUNT_ID;
  if (!accountId) throw new UsageError('name the account with --account (or set FLUENT_ACCOUNT_ID)');
  return { accountId, retailerId: values.retailer };
}

/** Columns padded to their widest cell, for list output. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
