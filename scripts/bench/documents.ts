import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentSchema, type DocumentLine, type DocumentModel } from '../../connector/core/document-model.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';

const SAMPLE = fileURLToPath(new URL('../../samples/invoice.json', import.meta.url));
const base = documentSchema.parse(JSON.parse(readFileSync(SAMPLE, 'utf8')));

/** The sample invoice with `lineCount` standard-rated lines and consistent totals. */
function invoiceWithLines(lineCount: number, serial: number): DocumentModel {
  const lines: DocumentLine[] = Array.from({ length: lineCount }, (_, i) => {
    const quantity = (i % 3) + 1;
    const unitPriceMinor = 1_000 + i * 7;
    const netMinor = quantity * unitPriceMinor;
    const taxMinor = Math.round(netMinor / 5);
    return { ref: `L${i}`, description: `Article ${i + 1}, cotton, size ${['S', 'M', 'L'][i % 3]}`, sku: `SKU-${1000 + i}`,
      quantity, unitPriceMinor, netMinor, taxMinor, grossMinor: netMinor + taxMinor, taxRateBp: 2000, taxCategory: 'S' };
  });
  const sum = (key: 'netMinor' | 'taxMinor' | 'grossMinor') => lines.reduce((total, line) => total + line[key], 0);
  return {
    ...base,
    number: `INV-2026-${String(serial).padStart(6, '0')}`,
    buyer: { ...base.buyer, name: `Customer ${serial}` },
    lines,
    taxSummary: [{ taxCategory: 'S', taxRateBp: 2000, taxableMinor: sum('netMinor'), taxMinor: sum('taxMinor') }],
    totals: { netMinor: sum('netMinor'), taxMinor: sum('taxMinor'), grossMinor: sum('grossMinor') },
  };
}

/** `count` distinct invoices (own number and customer), as HTML through Folio's templates. */
export function invoiceHtmls(lineCount: number, count: number): string[] {
  return Array.from({ length: count }, (_, serial) => renderDocumentHtml(invoiceWithLines(lineCount, serial + 1)).html);
}
