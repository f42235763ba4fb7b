import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chooseLanguage, LANGUAGES, PORTAL_LOCALES_DIR, portalMessages, portalTranslator } from '../../connector/portal/portal-i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('portal texts in every language', () => {
  const english = portalMessages('en');

  it('ships one file per language Folio prints documents in, and no other', () => {
    expect(readdirSync(PORTAL_LOCALES_DIR).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))('%s has every text, with the same placeholders, and its own wording', (language) => {
    const messages = portalMessages(language);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english)) {
      expect({ key, placeholders: placeholders(messages[key]!) }).toEqual({ key, placeholders: placeholders(text) });
      expect(messages[key]!.trim().length).toBeGreaterThan(0);
    }
    // Translated, not copied: most texts differ from English (names like "SMS" may not).
    const same = Object.keys(english).filter((key) => messages[key] === english[key]);
    expect(same.length).toBeLessThan(10);
  });

  it('isolates values on pages (bidi) but not in plain-text messages, and fails loudly on a missing key', () => {
    expect(portalTranslator('ar')('order.label', { ref: 'ORD-1' })).toBe('الطلب \u2068ORD-1\u2069');
    expect(portalTranslator('en', { isolate: false })('message.subject', { brand: 'ACME' })).toBe('Your sign-in link for ACME');
    expect(portalTranslator('de')('title.invoice')).toBe('Rechnung');
    expect(() => portalTranslator('en')('no.such.key')).toThrow(/Missing portal text "no.such.key"/);
  });
});

describe("the shopper's language", () => {
  const fallback = 'en';
  it("prefers what the shopper picked, then Fluent, then the browser, then their documents' language, then the default", () => {
    expect(chooseLanguage({ picked: 'he', fromFluent: 'de-DE', acceptLanguage: 'fr', documentLocale: 'it', fallback })).toBe('he');
    expect(chooseLanguage({ fromFluent: 'de-DE', acceptLanguage: 'fr', documentLocale: 'it', fallback })).toBe('de');
    expect(chooseLanguage({ acceptLanguage: 'fr-CH, fr;q=0.9, en;q=0.8', documentLocale: 'it', fallback })).toBe('fr');
    expect(chooseLanguage({ documentLocale: 'it-IT', fallback })).toBe('it');
    expect(chooseLanguage({ fallback: 'es' })).toBe('es');
  });

  it('reads Accept-Language by quality and skips languages Folio does not ship', () => {
    expect(chooseLanguage({ acceptLanguage: 'pl;q=1, ar;q=0.5, en;q=0.4', fallback })).toBe('ar');
    expect(chooseLanguage({ acceptLanguage: 'en;q=0.2, ja;q=0.9', fallback })).toBe('ja');
    expect(chooseLanguage({ acceptLanguage: 'iw', fallback })).toBe('he');
    expect(chooseLanguage({ acceptLanguage: '*, xx', fallback: 'nl' })).toBe('nl');
    expect(chooseLanguage({ fromFluent: 'klingon', acceptLanguage: 'tr', fallback })).toBe('tr');
  });
});
