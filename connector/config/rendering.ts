import { z } from 'zod';
import { themeSchema } from '../render/theme.ts';
import { renderConcurrencyFor, thisMachine } from './machine-defaults.ts';
import { jsonText, positiveInt } from './values.ts';

/**
 * Themes by tenant: `{"*": {...}, "ACME": {...}, "ACME:2": {...}}` — the most specific of
 * account:retailer, account, and "*" wins. Checked at start-up, so a bad colour or a remote logo
 * stops the service instead of reaching a document.
 */
export const themesSchema = z.record(z.string(), themeSchema);

/** Chromium, how many pages print at once, and the brand themes documents are drawn in. */
export const renderingVariables = {
  FOLIO_CHROMIUM_PATH: z.string().optional(),
  /** Chromium pages at once; by default from the machine (machine-defaults.ts). */
  FOLIO_RENDER_CONCURRENCY: positiveInt(renderConcurrencyFor(thisMachine())),
  FOLIO_THEMES: jsonText(themesSchema, '{"*": {"brandName": …, "primaryColor": "#rrggbb"}, "ACME:1": {…}}').prefault('{}'),
};
