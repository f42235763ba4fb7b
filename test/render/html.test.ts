import { symlink, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '../../connector/core/errors.ts';
import { createTemplateEngine, renderDocumentHtml } from '../../connector/render/html.ts';
import { sampleInvoice } from './fixtures/sample-invoice.ts';
import { copyOfTemplates, writeTemplate } from './helpers/template-copy.ts';

const NBSP = '\u00a0';

describe('renderDocumentHtml with the shared templates', () => {
  it('renders the art. 226 fields of an invoice with locale formatting', () => {
    const { html } = renderDocumentHtml(sampleInvoice());
    for (const text of ['INV-2026-000123', 'Maison Folio SARL', 'FR40303265045', 'Erika Mustermann', 'DE129273398',
      'HD-000123', '23.11.2026', '21.11.2026', 'Line item 1', `20${NBSP}%`, `122,92${NBSP}€`,
      'Single-purpose voucher: outside the scope of VAT']) {
      expect(html).toContain(text);
    }
  });

  it('records a short, stable template version', () => {
    const first = renderDocumentHtml(sampleInvoice());
    const again = createTemplateEngine().renderDocumentHtml(sampleInvoice({ retailerId: 'another' }));
    expect(first.templateVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(again.templateVersion).toBe(first.templateVersion);
  });

  it('refuses to render a version whose sources are gone', () => {
    const { templateVersion } = renderDocumentHtml(sampleInvoice());
    expect(renderDocumentHtml(sampleInvoice(), { templateVersion }).templateVersion).toBe(templateVersion);
    expect(() => renderDocumentHtml(sampleInvoice(), { templateVersion: '000000000000' })).toThrow(/no longer available/);
  });

  it('escapes markup and never evaluates data as a template', () => {
    const doc = sampleInvoice({ buyerName: '<script>alert(1)</script>' });
    doc.lines[0] = { ...doc.lines[0]!, description: '{{ 7*7 }} {% include "invoice.njk" %}' };
    const { html } = renderDocumentHtml(doc);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('{{ 7*7 }} {% include &quot;invoice.njk&quot; %}');
    expect(html).not.toContain('<bdi>49');
  });

  it('applies a theme as CSS variables and an inline logo', () => {
    const logoDataUrl = 'data:image/png;base64,iVBORw0KGgo=';
    const { html } = renderDocumentHtml(sampleInvoice(), { theme: { brandName: 'Maison', primaryColor: '#aa0033', logoDataUrl } });
    expect(html).toContain('--brand-primary: #aa0033;');
    expect(html).toContain(`<img class="logo" src="${logoDataUrl}"`);
  });

  it('rejects a theme whose logo is a remote URL', () => {
    const theme = { brandName: 'Maison', primaryColor: '#aa0033', logoDataUrl: 'http://example.com/x.png' };
    expect(() => renderDocumentHtml(sampleInvoice(), { theme })).toThrow(PermanentError);
  });

  it('parses a frozen theme once and a theme that can still change on every render', () => {
    const frozen = Object.freeze({ brandName: 'Maison', primaryColor: '#aa0033' });
    expect(renderDocumentHtml(sampleInvoice(), { theme: frozen }).html).toBe(renderDocumentHtml(sampleInvoice(), { theme: { ...frozen } }).html);
    const changing = { brandName: 'Maison', primaryColor: '#aa0033', logoDataUrl: 'data:image/png;base64,iVBORw0KGgo=' };
    expect(renderDocumentHtml(sampleInvoice(), { theme: changing }).html).toContain('--brand-primary: #aa0033;');
    changing.logoDataUrl = 'http://example.com/x.png';
    expect(() => renderDocumentHtml(sampleInvoice(), { theme: changing })).toThrow(PermanentError);
  });

  it('rejects an invoice without its number and a model that does not validate', () => {
    expect(() => renderDocumentHtml({ ...sampleInvoice(), number: undefined })).toThrow(/needs its number/);
    expect(() => renderDocumentHtml({ ...sampleInvoice(), currency: 'EURO' })).toThrow(/Invalid document model/);
  });

  it('rejects template names and retailer ids that try to leave the template folders', () => {
    expect(() => renderDocumentHtml(sampleInvoice(), { template: '../package.json' })).toThrow(/Invalid template name/);
    expect(() => renderDocumentHtml(sampleInvoice(), { template: 'retailers/1/invoice.njk' })).toThrow(/Invalid template name/);
    expect(() => renderDocumentHtml(sampleInvoice({ retailerId: '../..' }))).toThrow(/Unsafe retailer id/);
  });

  it('fails for good on a time zone or locale Intl does not know', () => {
    expect(() => renderDocumentHtml({ ...sampleInvoice(), timeZone: 'Mars/Olympus_Mons' })).toThrow(PermanentError);
    expect(() => renderDocumentHtml({ ...sampleInvoice(), locale: 'not a locale!' })).toThrow(PermanentError);
  });

  it('names a missing template clearly', () => {
    expect(() => renderDocumentHtml(sampleInvoice(), { template: 'payment-slip.njk' })).toThrow(/Template not found: payment-slip\.njk/);
  });
});

describe('retailer override folders', () => {
  let templates: string;
  let extra: string;

  beforeAll(async () => {
    templates = await copyOfTemplates();
    extra = await mkdtemp(path.join(tmpdir(), 'folio-extra-'));
    await writeTemplate(templates, 'retailers/r1/partials/parties.njk', '<p>R1 PARTIES {{ doc.buyer.name }}</p>');
    await writeTemplate(extra, 'partials/totals.njk', '<p>CONFIGURED TOTALS</p>');
    await writeTemplate(templates, 'retailers/globals/invoice.njk', '{{ range(3) | join(",") }}');
    await writeTemplate(templates, 'retailers/computed/invoice.njk', '{% include doc.type ~ ".njk" %}');
    await mkdir(path.join(templates, 'retailers/escape/partials'), { recursive: true });
    await symlink('/etc/hostname', path.join(templates, 'retailers/escape/partials/parties.njk'));
  });
  afterAll(async () => {
    await rm(templates, { recursive: true, force: true });
    await rm(extra, { recursive: true, force: true });
  });

  it('searches templates/retailers/<retailerId>/ before the shared templates, for that retailer only', () => {
    const engine = createTemplateEngine({ templatesDir: templates });
    const r1 = engine.renderDocumentHtml(sampleInvoice({ retailerId: 'r1' }));
    const r2 = engine.renderDocumentHtml(sampleInvoice({ retailerId: 'r2' }));
    expect(r1.html).toContain('R1 PARTIES Erika Mustermann');
    expect(r2.html).not.toContain('R1 PARTIES');
    expect(r2.html).toContain('Maison Folio SARL');
    expect(r1.templateVersion).not.toBe(r2.templateVersion);
  });

  it('lets configuration add override folders', () => {
    const engine = createTemplateEngine({
      templatesDir: templates,
      overrideDirs: (id) => [path.join(templates, 'retailers', id), extra],
    });
    const { html } = engine.renderDocumentHtml(sampleInvoice({ retailerId: 'r1' }));
    expect(html).toContain('R1 PARTIES');
    expect(html).toContain('CONFIGURED TOTALS');
  });

  it('gives templates no globals', () => {
    const engine = createTemplateEngine({ templatesDir: templates });
    expect(() => engine.renderDocumentHtml(sampleInvoice({ retailerId: 'globals' }))).toThrow(/Unable to call `range`/);
  });

  it('requires literal template names, so the version covers every source', () => {
    const engine = createTemplateEngine({ templatesDir: templates });
    expect(() => engine.renderDocumentHtml(sampleInvoice({ retailerId: 'computed' }))).toThrow(/computed name/);
  });

  it('refuses a symlink that points outside the template folder', () => {
    const engine = createTemplateEngine({ templatesDir: templates });
    expect(() => engine.renderDocumentHtml(sampleInvoice({ retailerId: 'escape' }))).toThrow(/resolves outside/);
  });
});
