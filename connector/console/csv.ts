import type { DocumentRow } from './document-list.ts';

const COLUMNS: [string, (d: DocumentRow) => string][] = [
  ['created_at', (d) => d.createdAt.toISOString()],
  ['retailer', (d) => d.tenant],
  ['order_ref', (d) => d.orderRef ?? ''],
  ['customer', (d) => d.customerName ?? ''],
  ['document_type', (d) => d.documentType],
  ['number', (d) => d.number],
  ['status', (d) => d.status],
  ['invoiced', (d) => (d.invoiced ? 'yes' : 'no')],
  ['sales_channel', (d) => d.salesChannel ?? ''],
  ['entity_type', (d) => d.entityType],
  ['entity_ref', (d) => d.entityRef],
  ['failure_reason', (d) => d.failureReason ?? ''],
];

/**
 * One CSV field (RFC 4180). A value a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a
 * leading apostrophe: failure reasons and refs come partly from outside.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return `${COLUMNS.map(([name]) => name).join(',')}\r\n`;
}

export function csvRows(rows: DocumentRow[]): string {
  return rows.map((row) => `${COLUMNS.map(([, value]) => csvField(value(row))).join(',')}\r\n`).join('');
}
