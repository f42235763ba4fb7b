/** Paper sizes Folio prints on. */
export type PaperFormat = 'A4' | 'Letter';

/** Regions that use US Letter for business documents; everyone else uses A4. */
const LETTER_REGIONS = new Set(['US', 'CA']);

/** Letter for en-US and en-CA (and any configured override), A4 everywhere else. */
export function paperFormat(locale: string, configured?: PaperFormat): PaperFormat {
  if (configured) return configured;
  const [language, ...rest] = locale.split(/[-_]/);
  const region = rest.find((part) => /^[A-Za-z]{2}$/.test(part))?.toUpperCase();
  return language?.toLowerCase() === 'en' && region !== undefined && LETTER_REGIONS.has(region) ? 'Letter' : 'A4';
}
