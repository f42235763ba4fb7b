import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentSchema } from '../../connector/core/document-model.ts';
import { themedHtmlRenderer } from '../../connector/app/themes-from-config.ts';
import { loadConfig } from '../../connector/config.ts';
import { connectorEnv } from '../config/support/connector-env.ts';

const invoice = documentSchema.parse({ ...JSON.parse(readFileSync(new URL('../../samples/invoice.json', import.meta.url), 'utf8')), number: 'INV-1' });
/** FOLIO_THEMES as the connector reads it at start-up. */
const parseThemes = (json: string) => loadConfig(connectorEnv({ FOLIO_THEMES: json })).FOLIO_THEMES;
const withTenant = (accountId: string, retailerId: string) => ({ ...invoice, source: { ...invoice.source, accountId, retailerId } });

describe('per-retailer themes from FOLIO_THEMES', () => {
  const themes = parseThemes(
    JSON.stringify({
      '*': { brandName: 'Default Brand', primaryColor: '#111111' },
      ACME: { brandName: 'Acme Stores', primaryColor: '#aa0000' },
      'ACME:2': { brandName: 'Acme Outlet', primaryColor: '#00aa00' },
    }),
  );
  const renderer = themedHtmlRenderer(themes);

  it('uses the most specific theme: account:retailer, then account, then *', () => {
    expect(renderer.render(withTenant('ACME', '2')).html).toContain('Acme Outlet');
    expect(renderer.render(withTenant('ACME', '1')).html).toContain('Acme Stores');
    const other = renderer.render(withTenant('GLOBEX', '1')).html;
    expect(other).toContain('Default Brand');
    expect(other).not.toContain('Acme');
  });

  it('refuses a theme whose logo points at the network, naming the place', () => {
    const remote = JSON.stringify({ ACME: { brandName: 'Acme', primaryColor: '#aa0000', logoDataUrl: 'https://cdn.example.com/logo.png' } });
    expect(() => parseThemes(remote)).toThrow(/FOLIO_THEMES is invalid at ACME\.logoDataUrl: must be a base64 data:image URL/);
  });

  it('refuses text that is not JSON with an example of what it wants', () => {
    expect(() => parseThemes('{brandName: Acme}')).toThrow(/FOLIO_THEMES is not JSON/);
  });
});
