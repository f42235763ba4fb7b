import type { DocumentModel } from '../core/document-model.ts';
import type { HtmlRenderer } from '../core/ports/html-renderer.ts';
import { renderDocumentHtml } from '../render/html.ts';
import type { Theme } from '../render/theme.ts';

/**
 * Themes by tenant (FOLIO_THEMES, checked at start-up by connector/config/rendering.ts): the most
 * specific of account:retailer, account, and "*" wins.
 */
export function themedHtmlRenderer(themes: Readonly<Record<string, Theme>>): HtmlRenderer {
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
