import type { DocumentModel } from '../core/document-model.ts';
import type { HtmlRenderer } from '../core/ports/html-renderer.ts';
import { renderDocumentHtml } from '../render/html.ts';
import { languageOf } from '../render/locales.ts';
import { portalTranslator } from '../portal/portal-i18n.ts';
import type { Theme } from '../render/theme.ts';

/**
 * Themes by tenant (FOLIO_THEMES, checked at start-up by connector/config/rendering.ts): the most
 * specific of account:retailer, account, and "*" wins.
 */
export function themedHtmlRenderer(
  themes: Readonly<Record<string, Theme>>,
  // The order page's link and QR code for a document (portal/order-link.ts); a theme's `orderLink: false` turns it off.
  orderLinks?: (source: { accountId: string; retailerId: string }, orderRef: string | undefined) => { url: string; qrDataUrl: string } | undefined,
): HtmlRenderer {
  const themeFor = (document: DocumentModel): Theme | undefined => {
    const { accountId, retailerId } = document.source;
    return themes[`${accountId}:${retailerId}`] ?? themes[accountId] ?? themes['*'];
  };
  return {
    render(document, options = {}) {
      const theme = themeFor(document);
      const link = theme?.orderLink === false ? undefined : orderLinks?.(document.source, document.orderRef);
      const orderLink = link && { ...link, label: portalTranslator(languageOf(document.locale), { isolate: false })('doc.orderLink') };
      return renderDocumentHtml(document, { ...options, ...(theme && { theme }), ...(orderLink && { orderLink }) });
    },
  };
}
