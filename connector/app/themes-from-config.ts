import { z } from 'zod';
import type { DocumentModel } from '../build/document-model.ts';
import type { HtmlRenderer } from '../pipeline/ports.ts';
import { renderDocumentHtml } from '../render/html.ts';
import { themeSchema, type Theme } from '../render/theme.ts';

/**
 * Themes by tenant: `{"*": {...}, "ACME": {...}, "ACME:2": {...}}` — the most specific of
 * account:retailer, account, and "*" wins. Validated at start-up, so a bad colour or a remote logo
 * stops the service instead of reaching a document.
 */
export const themesSchema = z.record(z.string(), themeSchema);

export function parseThemes(json: string | undefined): Record<string, Theme> {
  if (!json) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('FOLIO_THEMES is not JSON: expected {"*": {"brandName": …, "primaryColor": "#rrggbb"}, "ACME:1": {…}}');
  }
  const parsed = themesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`FOLIO_THEMES is invalid at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

export function themedHtmlRenderer(themes: Record<string, Theme>): HtmlRenderer {
  const themeFor = (document: DocumentModel): Theme | undefined => {
    const { accountId, retailerId } = document.source;
    return themes[`${accountId}:${retailerId}`] ?? themes[accountId] ?? themes['*'];
  };
  return {
    render(document, options = {}) {
      const theme = themeFor(document);
      return renderDocumentHtml(document, { ...options, ...(theme && { theme }) });
    },
  };
}
