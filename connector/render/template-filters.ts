import nunjucks from 'nunjucks';
import type { DocumentModel } from '../core/document-model.ts';
import { cssString } from './css-string.ts';
import { formatDate } from './dates.ts';
import { translator, type Language } from './locales.ts';
import { formatMoney } from './money.ts';
import { formatTaxRate } from './tax-rate.ts';

/** What a filter sees as `this`: nunjucks calls filters with the render context. */
interface FilterContext {
  lookup(name: 'doc'): DocumentModel;
  lookup(name: 'lang'): Language;
}

/**
 * Reference labels as the builders write them (English, fixed strings) and their translation keys.
 * A label from elsewhere (a custom document's configuration) prints as configured.
 */
const REFERENCE_KEYS: Record<string, string> = {
  Order: 'ref.order',
  Invoice: 'ref.invoice',
  'Invoice date': 'ref.invoiceDate',
  Return: 'ref.return',
  'Credit memo': 'ref.creditMemo',
  Payment: 'ref.payment',
  Package: 'ref.package',
};
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * "Page {page} of {pages}" in the document's language as a CSS `content` value: the literal parts
 * CSS-escaped, the placeholders as the page counters Chromium fills in per printed page.
 */
export function pageCounterContent(template: string): string {
  const parts = template
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)));
  // Chromium 156 drops a margin box whose content starts with a counter and needs a fallback font
  // ("1 / 3 ページ" vanished entirely); leading with a string, even an empty one, avoids it.
  if (parts[0]?.startsWith('counter(')) parts.unshift('""');
  return parts.join(' ');
}

export function addDocumentFilters(env: nunjucks.Environment): void {
  env.addFilter('money', function (this: FilterContext, minor: number, currency?: string) {
    const doc = this.lookup('doc');
    return formatMoney(minor, currency ?? doc.currency, doc.locale);
  });
  env.addFilter('date', function (this: FilterContext, isoDateTime: string) {
    const doc = this.lookup('doc');
    return formatDate(isoDateTime, doc.locale, doc.timeZone);
  });
  env.addFilter('taxRate', function (this: FilterContext, basisPoints: number) {
    return formatTaxRate(basisPoints, this.lookup('doc').locale);
  });
  // Labels are our own files, not data, but autoescape still applies: a translation cannot inject markup.
  env.addFilter('t', function (this: FilterContext, key: string, values?: Record<string, string | number>) {
    return translator(this.lookup('lang'))(key, values);
  });
  env.addFilter('refLabel', function (this: FilterContext, label: string) {
    const key = REFERENCE_KEYS[label];
    return key ? translator(this.lookup('lang'))(key) : label;
  });
  // Builders put some dates into references as ISO strings (the corrected invoice's date): show them as dates.
  env.addFilter('refValue', function (this: FilterContext, value: string) {
    if (!ZONED_DATE_TIME.test(value)) return value;
    const doc = this.lookup('doc');
    return formatDate(value, doc.locale, doc.timeZone);
  });
  env.addFilter('pageCounter', function (this: FilterContext) {
    return new nunjucks.runtime.SafeString(pageCounterContent(translator(this.lookup('lang'))('page.counter')));
  });
  env.addFilter('ofKind', (entries: Array<{ kind: string }> | undefined, kind: string) =>
    (entries ?? []).filter((entry) => entry.kind === kind),
  );
  // Its output is escaped for CSS, where HTML escaping would be both wrong (&amp; shows literally) and unsafe.
  env.addFilter('cssString', (text: unknown) => new nunjucks.runtime.SafeString(cssString(String(text))));
}
