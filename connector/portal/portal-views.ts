import nunjucks from 'nunjucks';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Theme } from '../render/theme.ts';
import { isRtl, LANGUAGES, portalMessages, portalTranslator, type Language, type Translate } from './portal-i18n.ts';

export const PORTAL_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/portal/', import.meta.url));

/** Nothing loads from elsewhere and nothing runs: no scripts at all, styles from this server, images inline. */
export const PORTAL_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface PageFrame {
  language: Language;
  theme: Theme;
  /** /portal/<account>/<retailer> */
  base: string;
  /** This page's path, for the language links. */
  path: string;
  signedIn: boolean;
  csrf?: string | undefined;
}

export interface PortalViews {
  render(page: string, frame: PageFrame, context: Record<string, unknown>): string;
  stylesheet: string;
}

export function createPortalViews(dir: string = PORTAL_TEMPLATES_DIR): PortalViews {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir, { noCache: false }), { autoescape: true, throwOnUndefined: false });
  const translators = new Map<Language, Translate>();
  const tFor = (language: Language) => {
    let t = translators.get(language);
    if (!t) translators.set(language, (t = portalTranslator(language)));
    return t;
  };
  const languages = LANGUAGES.map((code) => ({ code, name: portalMessages(code)['language.name'] ?? code }));
  return {
    stylesheet: readFileSync(`${dir}portal.css`, 'utf8'),
    render(page, frame, context) {
      return env.render(`${page}.njk`, {
        ...context,
        t: tFor(frame.language),
        lang: frame.language,
        dir: isRtl(frame.language) ? 'rtl' : 'ltr',
        brand: { name: frame.theme.brandName, logo: frame.theme.logoDataUrl },
        base: frame.base,
        path: frame.path,
        signedIn: frame.signedIn,
        csrf: frame.csrf,
        languages,
      });
    },
  };
}
