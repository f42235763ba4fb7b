import { qrModules } from './qr-modules.ts';

/**
 * The order page's short link, printed on documents with a QR code. It carries no secret and never
 * expires: it only names the page; the page itself asks the shopper to sign in. Deterministic from its
 * inputs, so a re-rendered document is the same document.
 */
export function orderPageUrl(baseUrl: string, accountId: string, retailerId: string, orderRef: string): string {
  const segment = (part: string) => encodeURIComponent(part);
  return `${baseUrl.replace(/\/+$/, '')}/portal/${segment(accountId)}/${segment(retailerId)}/o/${segment(orderRef)}`;
}

/** The QR code of a URL as an SVG data URL (documents may load nothing but data: images). */
export function qrSvgDataUrl(text: string): string {
  const cached = recentCodes.get(text);
  if (cached !== undefined) return cached;
  const { size, dark } = qrModules(text);
  const quiet = 4;
  // One rectangle per run of dark modules in a row: a third of the path a square per module makes.
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      if (!dark[row * size + column]) continue;
      let run = 1;
      while (column + run < size && dark[row * size + column + run]) run++;
      path += `M${column + quiet} ${row + quiet}h${run}v1h-${run}z`;
      column += run;
    }
  }
  const dimension = size + quiet * 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dimension} ${dimension}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  // An order's confirmation, invoice and shipment notes print the same code: made once, reused.
  if (recentCodes.size >= RECENT_CODES) recentCodes.delete(recentCodes.keys().next().value!);
  recentCodes.set(text, dataUrl);
  return dataUrl;
}

const RECENT_CODES = 256;
const recentCodes = new Map<string, string>();

export interface OrderLink {
  url: string;
  qrDataUrl: string;
}

/** The order link for a document, or undefined when it belongs to no order. */
export function orderLinkFor(baseUrl: string, source: { accountId: string; retailerId: string }, orderRef: string | undefined): OrderLink | undefined {
  if (!orderRef) return undefined;
  const url = orderPageUrl(baseUrl, source.accountId, source.retailerId, orderRef);
  return { url, qrDataUrl: qrSvgDataUrl(url) };
}
