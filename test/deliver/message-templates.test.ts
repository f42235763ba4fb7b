import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../../connector/deliver/message-templates.ts';
import { PermanentError } from '../../connector/core/errors.ts';

const document = { type: 'FULFILMENT', number: 'F-7', viewUrl: 'https://folio.example.com/documents/view?t=a&b=c', downloadUrl: 'https://x/d' };

describe('message templates', () => {
  const templates = createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR });

  it('falls back from a regional locale to its language, and from an unknown one to English', () => {
    expect(templates.resolveLocale('de-AT')).toBe('de');
    expect(templates.resolveLocale('fr')).toBe('en');
  });

  it('gets German grammar right for the document type', () => {
    expect(templates.render('email-subject', 'de', { document })).toBe('Ihr Lieferschein F-7');
    expect(templates.render('email-text', 'de', { document, shopper: {}, attached: true })).toContain('im Anhang finden Sie Ihren Lieferschein F-7.');
  });

  it('escapes HTML bodies but not text bodies', () => {
    const context = { document, shopper: { firstName: '<b>Jo</b>' }, attached: false };
    expect(templates.render('email-html', 'en', context)).toContain('Hello &lt;b&gt;Jo&lt;/b&gt;');
    expect(templates.render('email-html', 'en', context)).toContain('href="https://folio.example.com/documents/view?t=a&amp;b=c"');
    expect(templates.render('sms', 'en', { document })).toBe('Your delivery note F-7 is ready: https://folio.example.com/documents/view?t=a&b=c');
  });

  it('lets a locale override a single text and inherit the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'folio-messages-'));
    try {
      await mkdir(join(dir, 'en'));
      await mkdir(join(dir, 'nl'));
      await writeFile(join(dir, 'en', 'sms.njk'), 'Your document: {{ document.viewUrl }}');
      await writeFile(join(dir, 'en', 'whatsapp.njk'), 'Hi');
      await writeFile(join(dir, 'nl', 'sms.njk'), 'Uw document: {{ document.viewUrl }}');
      const custom = createMessageTemplates({ dir });
      expect(custom.render('sms', 'nl-BE', { document })).toBe(`Uw document: ${document.viewUrl}`);
      expect(custom.render('whatsapp', 'nl', { document })).toBe('Hi');
      expect(() => custom.render('email-subject', 'nl', { document })).toThrow(PermanentError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
