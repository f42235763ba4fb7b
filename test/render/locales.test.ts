import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRtl, LANGUAGES, languageOf, languageTag, loadMessages, LOCALES_DIR, translator } from '../../connector/render/locales.ts';
import { paperFormat } from '../../connector/render/paper.ts';
import { pageCounterContent } from '../../connector/render/template-filters.ts';

describe('locale files', () => {
  const english = Object.keys(loadMessages('en')).sort();

  it('ship exactly the listed languages', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual(LANGUAGES.map((language) => `${language}.json`).sort());
  });

  it.each(LANGUAGES)('%s has every key English has, no more, and no empty label', (language) => {
    const messages = loadMessages(language);
    expect(Object.keys(messages).sort()).toEqual(english);
    for (const [key, text] of Object.entries(messages)) expect(text.trim(), key).not.toBe('');
    // The page counter must keep both placeholders, or "Page X of Y" loses a number.
    expect(messages['page.counter']).toMatch(/\{page\}/);
    expect(messages['page.counter']).toMatch(/\{pages\}/);
  });

  it('translates with placeholders and refuses a key that does not exist', () => {
    expect(translator('de')('page.counter', { page: 2, pages: 5 })).toBe('Seite 2 von 5');
    expect(() => translator('fr')('no.such.key')).toThrow(/Missing translation "no.such.key" for language fr/);
  });
});

describe('languageOf, direction and paper', () => {
  it('maps BCP 47 locales to the shipped languages, falling back to English', () => {
    expect(['de-CH', 'zh-Hans-CN', 'ar_SA', 'iw', 'pt-BR', 'EN-us'].map(languageOf)).toEqual(['de', 'zh', 'ar', 'he', 'en', 'en']);
    expect(LANGUAGES.filter((language) => isRtl(language))).toEqual(['ar', 'he']);
  });

  it('tags a document with the language its labels are printed in: the locale when shipped, else the fallback', () => {
    expect(['en-GB', 'de_CH', 'ar', 'iw-IL', 'zh-Hant-TW', 'ja'].map(languageTag)).toEqual(['en-GB', 'de-CH', 'ar', 'he-IL', 'zh-Hant-TW', 'ja']);
    // Portuguese labels do not exist: the text is English, so is the tag. Nothing that is not a subtag passes.
    expect(['pt-BR', 'en-"x"', ''].map(languageTag)).toEqual(['en', 'en', 'en']);
  });

  it('prints Letter for en-US and en-CA, A4 elsewhere, unless configured', () => {
    expect(['en-US', 'en-CA', 'en_us', 'en-GB', 'fr-CA', 'en', 'de-DE'].map((locale) => paperFormat(locale))).toEqual(['Letter', 'Letter', 'Letter', 'A4', 'A4', 'A4', 'A4']);
    expect(paperFormat('de-DE', 'Letter')).toBe('Letter');
  });

  it('turns the page label into CSS content that starts with a string (Chromium drops a box that starts with a counter)', () => {
    expect(pageCounterContent('Page {page} of {pages}')).toBe('"Page " counter(page) " of " counter(pages)');
    expect(pageCounterContent('{page} / {pages}')).toBe('"" counter(page) " \\2f  " counter(pages)');
  });
});
