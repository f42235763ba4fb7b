import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentSchema } from '../../connector/core/document-model.ts';
import { renderDocumentHtml } from '../../connector/render/html.ts';
import { LANGUAGES, translator } from '../../connector/render/locales.ts';
import { DOCUMENT_TYPES, sample, sampleJson, SAMPLES_DIR, sampleTheme } from './helpers/samples.ts';

describe('samples/ (sample data for template designers)', () => {
  it('has one document per type and a theme (and the e-invoice terms, samples for `folio einvoice`)', () => {
    expect(readdirSync(SAMPLES_DIR).sort()).toEqual([...DOCUMENT_TYPES.map((type) => `${type}.json`), 'theme.json', 'einvoice-terms.json'].sort());
  });

  it.each(DOCUMENT_TYPES)('%s is a valid document model whose lines add up to its totals', (type) => {
    const parsed = documentSchema.safeParse(sampleJson(type));
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
    const doc = sample(type);
    expect(doc.type).toBe(type);
    const sum = (key: 'netMinor' | 'taxMinor' | 'grossMinor') => doc.lines.reduce((total, line) => total + line[key], 0);
    expect([sum('netMinor'), sum('taxMinor'), sum('grossMinor')]).toEqual([doc.totals.netMinor, doc.totals.taxMinor, doc.totals.grossMinor]);
    const refunds = (doc.payments ?? []).filter((payment) => payment.kind === 'refund');
    if (refunds.length > 0) expect(refunds.reduce((total, r) => total + r.amountMinor, 0)).toBe(doc.totals.grossMinor);
  });

  it.each(DOCUMENT_TYPES)('%s renders in every language with its translated title, direction and theme', (type) => {
    const theme = sampleTheme();
    for (const language of LANGUAGES) {
      const { html } = renderDocumentHtml(sample(type), { locale: language, theme });
      const title = type === 'custom' ? (sample(type).customName as string) : translator(language)(`title.${type}`);
      expect(html).toContain(`<h1>${title}</h1>`);
      expect(html).toContain(`dir="${language === 'ar' || language === 'he' ? 'rtl' : 'ltr'}"`);
      expect(html).toContain('--brand-primary: #7a1f3d;');
      expect(html).toContain('--brand-accent: #b08d57;');
      expect(html).toContain('<img class="logo" src="data:image/svg+xml;base64,');
      expect(html).toContain('Registered in England and Wales');
      expect(html).toContain('12 Regent Street\nLondon W1B 5AH');
    }
  });

  it('shows what each type is for', () => {
    const html = (type: (typeof DOCUMENT_TYPES)[number]) => renderDocumentHtml(sample(type), { locale: 'en-GB' }).html;
    const credit = html('credit_note');
    expect(credit).toContain('Original invoice: <bdi>INV-2026-000123</bdi>');
    expect(credit).toContain('Reason: <bdi>Damaged on arrival</bdi>');
    expect(credit).toMatch(/Refunds<\/h2>[\s\S]*VISA[\s\S]*Gift card/);
    const shipment = html('shipment_note');
    expect(shipment).toContain('Royal Mail');
    expect(shipment).toContain('RM123456785GB');
    expect(shipment).not.toMatch(/Unit price|Total net|£/);
    const receipt = html('payment_receipt');
    expect(receipt).toMatch(/Paid so far<\/th><td>£120\.00/);
    expect(receipt).toMatch(/Balance<\/th><td>£62\.34/);
    expect(receipt).toMatch(/<tr class="current">[\s\S]*This payment/);
  });

  it('prints en-US documents on Letter and the rest on A4, and a theme can choose', () => {
    expect(renderDocumentHtml(sample('invoice'), { locale: 'en-US' }).html).toContain('@page { size: Letter;');
    expect(renderDocumentHtml(sample('invoice'), { locale: 'en-GB' }).paper).toBe('A4');
    expect(renderDocumentHtml(sample('invoice'), { locale: 'de', theme: { ...sampleTheme(), paper: 'Letter' } }).paper).toBe('Letter');
  });
});
