import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isRtl, LANGUAGES, languageOf, translator as documentLabels, type Language } from '../render/locales.ts';

/** The portal's own texts, one file per language beside its templates; document type names come from locales/. */
export const PORTAL_LOCALES_DIR = fileURLToPath(new URL('../../templates/portal/locales/', import.meta.url));
const loaded = new Map<Language, Readonly<Record<string, string>>>();

export function portalMessages(language: Language): Readonly<Record<string, string>> {
  let messages = loaded.get(language);
  if (!messages) {
    messages = JSON.parse(readFileSync(`${PORTAL_LOCALES_DIR}${language}.json`, 'utf8')) as Record<string, string>;
    loaded.set(language, messages);
  }
  return messages;
}

export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** A lookup for one language. A key missing from a file is a bug (a test checks every file has every key): it throws. */
export function portalTranslator(language: Language, options: { isolate?: boolean } = {}): Translate {
  const messages = portalMessages(language);
  const labels = documentLabels(language);
  // On pages each value is bidi-isolated (FSI … PDI): an order ref or number keeps its own direction
  // inside an Arabic or Hebrew sentence. Plain-text messages get the bare values (links must stay links).
  const isolate = options.isolate ?? true;
  const shown = (value: string | number) => (isolate ? `\u2068${value}\u2069` : String(value));
  return (key, values) => {
    if (key.startsWith('title.')) return labels(key);
    const text = messages[key];
    if (text === undefined) throw new Error(`Missing portal text "${key}" for language ${language}`);
    return values ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : shown(values[name]))) : text;
  };
}

/**
 * The shopper's language: one they picked (the `lang` query or its cookie), else the one Fluent holds for
 * them (the order's or customer's language attribute), else the browser's Accept-Language, else the
 * language their documents were written in (often just the retailer's default), else the default.
 */
export function chooseLanguage(input: {
  picked?: string | undefined;
  fromFluent?: string | null | undefined;
  acceptLanguage?: string | undefined;
  documentLocale?: string | null | undefined;
  fallback: string;
}): Language {
  const shipped = (value: string | null | undefined): Language | undefined => {
    if (!value) return undefined;
    const language = languageOf(value);
    return language === 'en' && !/^en\b/i.test(value) ? undefined : language;
  };
  return shipped(input.picked) ?? shipped(input.fromFluent) ?? fromAcceptLanguage(input.acceptLanguage) ?? shipped(input.documentLocale) ?? languageOf(input.fallback);
}

function fromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0]!.toLowerCase();
    const language = languageOf(primary);
    if ((LANGUAGES as readonly string[]).includes(primary) || language !== 'en' || primary === 'en') return language;
  }
  return undefined;
}

export function isSupportedLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export { isRtl, LANGUAGES, type Language };
