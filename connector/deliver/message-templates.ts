import nunjucks from 'nunjucks';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PermanentError } from '../core/errors.ts';

export type MessageKind = 'email-subject' | 'email-html' | 'email-text' | 'sms' | 'whatsapp';

export interface MessageTemplates {
  render(kind: MessageKind, locale: string, context: Record<string, unknown>): string;
  /** The locale directory actually used for a requested locale (de-AT → de, xx → the default). */
  resolveLocale(locale: string): string;
}

/**
 * Localized message texts from `<dir>/<locale>/<kind>.njk`. A locale falls back from `de-AT` to `de` to
 * the default locale, file by file, so a locale may override only some texts. HTML is autoescaped;
 * plain text, subjects and SMS are not (escaping would show `&amp;` to the shopper).
 */
export function createMessageTemplates({ dir, defaultLocale = 'en' }: { dir: string; defaultLocale?: string }): MessageTemplates {
  const environments = new Map<string, { html: nunjucks.Environment; text: nunjucks.Environment }>();

  function chain(locale: string): string[] {
    const normalized = locale.replace('_', '-');
    const candidates = [normalized, normalized.split('-')[0]!.toLowerCase(), defaultLocale];
    return [...new Set(candidates)].filter((candidate) => /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(candidate) && existsSync(join(dir, candidate)));
  }

  function environmentsFor(locale: string) {
    let pair = environments.get(locale);
    if (!pair) {
      const paths = chain(locale);
      if (paths.length === 0) throw new PermanentError(`no message templates for locale ${locale} or ${defaultLocale} in ${dir}`);
      const loader = () => new nunjucks.FileSystemLoader(paths.map((path) => join(dir, path)), { noCache: false });
      pair = {
        html: new nunjucks.Environment(loader(), { autoescape: true, throwOnUndefined: false }),
        text: new nunjucks.Environment(loader(), { autoescape: false, throwOnUndefined: false }),
      };
      environments.set(locale, pair);
    }
    return pair;
  }

  return {
    resolveLocale: (locale) => chain(locale)[0] ?? defaultLocale,
    render(kind, locale, context) {
      const pair = environmentsFor(locale);
      const environment = kind === 'email-html' ? pair.html : pair.text;
      try {
        return environment.render(`${kind}.njk`, context).trim();
      } catch (error) {
        // A missing or broken template is a deployment fault, not a passing one.
        throw new PermanentError(`message template ${kind} (${locale}) failed: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}

/** Where Folio's own message templates live in the repository. */
export const DEFAULT_MESSAGE_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/messages/', import.meta.url));
