import { join } from 'node:path';
import { createAuditTrail } from '../audit/audit-trail.ts';
import { publicBaseUrl, type FolioConfig } from '../config.ts';
import { openDatabase } from '../db/open-database.ts';
import { createEInvoiceIssuer } from '../einvoice/einvoice-issuer.ts';
import { FluentHttpClient } from '../fetch/fluent-http-client.ts';
import { createLinkSigner } from '../links/link-signer.ts';
import { createChromiumRenderer } from '../render/chromium-renderer.ts';
import { deliveryFromConfig } from './delivery-from-config.ts';
import { documentFactsFromConfig } from './document-facts.ts';
import { createDocumentRecords } from './document-records.ts';
import { storeFromConfig } from './store-from-config.ts';
import { themedHtmlRenderer } from './themes-from-config.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { loadSellers } from '../sellers/load-sellers.ts';
import type { Seller } from '../sellers/seller.ts';
import type { StatementDeps } from '../statements/run-cycle.ts';

/** What the statement run needs besides the connector's adapters: the marketplace, the account, the options. */
export function statementDepsFromConfig(config: FolioConfig, adapters: Omit<StatementDeps, 'marketplace' | 'target' | 'options'>): StatementDeps {
  return {
    ...adapters,
    marketplace: config.FOLIO_SELLER,
    target: { accountId: config.FLUENT_ACCOUNT_ID, retailerId: config.FLUENT_RETAILER_ID },
    options: config.FOLIO_STATEMENTS,
  };
}

/** The sellers, read from Fluent's `folio.seller` settings each time (they change), with the configured fallback. */
export function sellersFromConfig(config: FolioConfig, fluent: FluentClient): () => Promise<Seller[]> {
  return () => loadSellers(fluent, config.FOLIO_STATEMENT_SELLERS);
}

/**
 * The adapters a `folio statements run` process needs when it runs cycles itself (no connector): the
 * same database, store, delivery, renderer and link keys as the connector, from the same configuration.
 */
export async function openStatementRuntime(config: FolioConfig): Promise<{ deps: StatementDeps; sellers: () => Promise<Seller[]>; close(): Promise<void> }> {
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: join(config.FOLIO_DATA_DIR, 'db') });
  const store = storeFromConfig(config);
  const audit = createAuditTrail(db);
  const delivery = deliveryFromConfig(config, { db, store, audit });
  const pdf = createChromiumRenderer({ executablePath: config.FOLIO_CHROMIUM_PATH, concurrency: 1 });
  const [active] = config.FOLIO_LINK_KEYS;
  const links = createLinkSigner({ keys: config.FOLIO_LINK_KEYS, activeKid: active!.kid, ttlSeconds: config.FOLIO_LINK_TTL_SECONDS, baseUrl: publicBaseUrl(config, config.PORT) });
  const fluent = new FluentHttpClient({
    baseUrl: config.FLUENT_BASE_URL,
    accountId: config.FLUENT_ACCOUNT_ID,
    credentials: { username: config.FLUENT_USERNAME, password: config.FLUENT_PASSWORD, clientId: config.FLUENT_CLIENT_ID, clientSecret: config.FLUENT_CLIENT_SECRET },
  });
  const einvoice = createEInvoiceIssuer({ formats: config.FOLIO_EINVOICE_FORMATS, seller: config.FOLIO_EINVOICE_SELLER });
  const deps = statementDepsFromConfig(config, { fluent, db, html: themedHtmlRenderer(config.FOLIO_THEMES), pdf, store, links, audit, records: createDocumentRecords(db, { facts: documentFactsFromConfig(config) }), delivery, einvoice });
  return {
    deps,
    sellers: sellersFromConfig(config, fluent),
    async close() {
      await pdf.close();
      await delivery?.close();
      await db.close();
    },
  };
}
