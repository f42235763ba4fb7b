import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PermanentError } from '../core/errors.ts';

/**
 * Label translations for documents, one flat JSON file per language under locales/. Only labels live
 * here; numbers, dates and money go through Intl with the document's full locale (de-CH ≠ de-DE).
 */
export const LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'tr', 'ar', 'he', 'ja', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];
const FALLBACK: Language = 'en';
const RTL: ReadonlySet<Language> = new Set(['ar', 'he']);
// "iw" is the pre-1989 code for Hebrew that some systems (and old Java locales) still send.
const ALIASES: Record<string, Language> = { iw: 'he' };

export type Messages = Readonly<Record<string, string>>;
const loaded = new Map<Language, Messages>();

export function loadMessages(language: Language): Messages {
  let messages = loaded.get(language);
  if (!messages) {
    messages = JSON.parse(readFileSync(`${LOCALES_DIR}${language}.json`, 'utf8')) as Messages;
    loaded.set(language, messages);
  }
  return messages;
}

/** The label language for a BCP 47 locale: its primary subtag when we ship it, else English. */
export function languageOf(locale: string): Language {
  const primary = locale.split(/[-_]/)[0]?.toLowerCase() ?? '';
  const language = ALIASES[primary] ?? primary;
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : FALLBACK;
}

/**
 * The BCP 47 tag of the language a document's text is in: its <html lang> and its PDF's /Lang, which screen
 * readers pick their voice by. That is the locale (region kept, "_" read as "-") when Folio has its labels,
 * else the fallback language the labels are printed in.
 */
export function languageTag(locale: string): string {
  const language = languageOf(locale);
  const [primary = '', ...rest] = locale.replaceAll('_', '-').split('-');
  const same = (ALIASES[primary.toLowerCase()] ?? primary.toLowerCase()) === language;
  const subtags = rest.filter((subtag) => /^[A-Za-z0-9]{1,8}$/.test(subtag));
  return same && subtags.length === rest.length ? [language, ...subtags].join('-') : language;
}

export function isRtl(language: Language): boolean {
  return RTL.has(language);
}

/**
 * A lookup for one language. A key missing from a locale file is a bug in the files (a test checks
 * that every locale has every key), so it fails the render rather than printing a raw key on a PDF.
 */
export function translator(language: Language): (key: string, values?: Record<string, string | number>) => string {
  const messages = loadMessages(language);
  return (key, values) => {
    const text = messages[key];
    if (text === undefined) throw new PermanentError(`Missing translation "${key}" for language ${language}`);
    return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)) : text;
  };
}
