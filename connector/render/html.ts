import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { z } from 'zod';
import { documentSchema, type DocumentModel, type DocumentType } from '../core/document-model.ts';
import { isChecked } from '../core/checked-model.ts';
import { PermanentError } from '../core/errors.ts';
import { withCjkFonts } from './cjk-fonts.ts';
import { isRtl, languageOf, languageTag, translator } from './locales.ts';
import { paperFormat, type PaperFormat } from './paper.ts';
import { addDocumentFilters } from './template-filters.ts';
import { ConfinedTemplateLoader } from './template-loader.ts';
import { templateVersion } from './template-version.ts';
import { defaultTheme, themeCssVariables, themeSchema, type Theme } from './theme.ts';

export type { Theme } from './theme.ts';

export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface TemplateEngineConfig {
  /** The shared templates every retailer falls back to. */
  templatesDir?: string;
  /**
   * Folders searched before the shared ones for one retailer, most specific first; missing folders are
   * skipped. Default: `<templatesDir>/retailers/<retailerId>/`. A configuration can add its own folders here.
   */
  overrideDirs?: (retailerId: string) => string[];
}

export interface RenderHtmlOptions {
  theme?: Theme;
  /**
   * The template version the caller expects (e.g. re-rendering a stored document). Only the current
   * sources exist, so a different version fails rather than silently producing a different document.
   */
  templateVersion?: string;
  /** Template to use instead of the one named after the document type (e.g. "invoice.njk"). */
  template?: string;
  /** Print in this locale instead of the document's own (labels, numbers, dates, direction, paper). */
  locale?: string;
  /** The order page's short link and its QR code (partials/order-link.njk); absent: none printed. */
  orderLink?: { url: string; qrDataUrl: string; label: string };
}

export interface RenderedHtml {
  html: string;
  /** Short hash of every template source used; store it with the document. */
  templateVersion: string;
  /** The paper the layout asks for (also written into its CSS @page size, which the renderer prefers). */
  paper: PaperFormat;
}

export interface TemplateEngine {
  renderDocumentHtml(doc: DocumentModel, options?: RenderHtmlOptions): RenderedHtml;
}

/** Art. 226(2) VAT Directive: an invoice carries a unique sequential number; a PDF without one is not an invoice. */
const NEEDS_NUMBER: ReadonlySet<DocumentType> = new Set(['invoice', 'credit_note', 'debit_note']);
const RETAILER_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/;

interface CompiledEnvironment {
  env: nunjucks.Environment;
  loader: ConfinedTemplateLoader;
  versions: Map<string, string>;
}

function createEnvironment(roots: readonly string[]): CompiledEnvironment {
  const loader = new ConfinedTemplateLoader(roots);
  // Templates are cached for the process lifetime (no watch): the version hash assumes sources do not change.
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: true });
  // Templates get only the render context: drop nunjucks' default globals (range, cycler, joiner).
  const globals = (env as unknown as { globals: Record<string, unknown> }).globals;
  for (const name of Object.keys(globals)) delete globals[name];
  addDocumentFilters(env);
  return { env, loader, versions: new Map() };
}

function parseDocument(doc: DocumentModel): DocumentModel {
  const valid = isChecked(doc) ? doc : checkDocument(doc);
  if (NEEDS_NUMBER.has(valid.type) && !valid.number) {
    throw new PermanentError(`A ${valid.type} needs its number before rendering (run numbering first)`);
  }
  return valid;
}

function checkDocument(doc: DocumentModel): DocumentModel {
  const parsed = documentSchema.safeParse(doc);
  if (!parsed.success) throw new PermanentError(`Invalid document model:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Themes as parsed, by the object given: configured themes are frozen at start-up and parsed once. */
const parsedThemes = new WeakMap<Theme, Theme>();

function parseTheme(theme: Theme | undefined): Theme {
  const given = theme ?? defaultTheme;
  const known = Object.isFrozen(given) ? parsedThemes.get(given) : undefined;
  if (known) return known;
  const parsed = themeSchema.safeParse(given);
  if (!parsed.success) throw new PermanentError(`Invalid theme:\n${z.prettifyError(parsed.error)}`);
  if (Object.isFrozen(given)) parsedThemes.set(given, parsed.data);
  return parsed.data;
}

export function createTemplateEngine(config: TemplateEngineConfig = {}): TemplateEngine {
  const templatesDir = config.templatesDir ?? DEFAULT_TEMPLATES_DIR;
  const overrideDirs = config.overrideDirs ?? ((id: string) => [path.join(templatesDir, 'retailers', id)]);
  // Keyed by the folders that exist, so retailers without overrides share one compiled environment.
  const environments = new Map<string, CompiledEnvironment>();
  // Folders are looked up once per retailer, like the templates themselves: a new override needs a restart.
  const byRetailer = new Map<string, CompiledEnvironment>();

  function environmentFor(retailerId: string): CompiledEnvironment {
    const known = byRetailer.get(retailerId);
    if (known) return known;
    if (!RETAILER_ID.test(retailerId)) throw new PermanentError(`Unsafe retailer id for templates: ${retailerId}`);
    const probe = new ConfinedTemplateLoader([...overrideDirs(retailerId), templatesDir]);
    const key = probe.roots.join('\n');
    let compiled = environments.get(key);
    if (!compiled) {
      compiled = createEnvironment(probe.roots);
      environments.set(key, compiled);
    }
    byRetailer.set(retailerId, compiled);
    return compiled;
  }

  return {
    renderDocumentHtml(input, options = {}) {
      const doc = parseDocument(options.locale ? { ...input, locale: options.locale } : input);
      const theme = parseTheme(options.theme);
      const { env, loader, versions } = environmentFor(doc.source.retailerId);
      const name = options.template ?? `${doc.type.replaceAll('_', '-')}.njk`;
      let version = versions.get(name);
      if (!version) {
        version = templateVersion(loader, name);
        versions.set(name, version);
      }
      if (options.templateVersion && options.templateVersion !== version) {
        throw new PermanentError(
          `Template ${name} is at version ${version}; version ${options.templateVersion} is no longer available`,
        );
      }
      const lang = languageOf(doc.locale);
      const chinese = lang === 'zh';
      const title = doc.type === 'custom' && doc.customName ? doc.customName : translator(lang)(`title.${doc.type}`);
      const paper = paperFormat(doc.locale, theme.paper);
      const dir = isRtl(lang) ? 'rtl' : 'ltr';
      const themeCss = themeCssVariables(theme, chinese);
      const fontStack = themeCss.find((variable) => variable.name === '--brand-font')?.value;
      const context = { doc, theme, themeCss, fontStack, title, lang, langTag: languageTag(doc.locale), dir, paper, orderLink: options.orderLink };
      try {
        const html = withCjkFonts(env.render(name, context), chinese, translator(lang)('page.counter'));
        return { html, templateVersion: version, paper };
      } catch (error) {
        throw new PermanentError(`Rendering ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    },
  };
}

let defaultEngine: TemplateEngine | undefined;

/** Renders a document with the shared templates (and `templates/retailers/<retailerId>/` overrides). */
export function renderDocumentHtml(doc: DocumentModel, options: RenderHtmlOptions = {}): RenderedHtml {
  defaultEngine ??= createTemplateEngine();
  return defaultEngine.renderDocumentHtml(doc, options);
}
