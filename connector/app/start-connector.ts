import { Router } from 'express';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createAuditTrail } from '../audit/audit-trail.ts';
import { publicBaseUrl, type FolioConfig } from '../config.ts';
import { openDatabase } from '../db/open-database.ts';
import type { Database } from '../db/database.ts';
import { FluentHttpClient } from '../fetch/fluent-http-client.ts';
import { createHttpServer } from '../http/app.ts';
import { createDocumentRoutes } from '../links/document-routes.ts';
import { createLinkSigner } from '../links/link-signer.ts';
import { createLinkRevocations } from '../links/revocations.ts';
import { createLogger, type Logger } from '../log.ts';
import { tenantOfStorageKey } from '../core/document-key.ts';
import { handleDocumentJob } from '../pipeline/handle-job.ts';
import type { PipelineDeps } from '../core/ports/pipeline-deps.ts';
import { fluentReporter } from '../report/fluent-reporter.ts';
import { createJobQueue } from '../queue/create-job-queue.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import { createWebhookHandler } from '../receive/webhook-handler.ts';
import { loadWebhookKeys } from '../receive/signature.ts';
import { createChromiumRenderer, printTotalsOf } from '../render/chromium-renderer.ts';
import { createEInvoiceIssuer } from '../einvoice/einvoice-issuer.ts';
import { releaseLeasesOfTheDead } from '../deliver/outbox.ts';
import { deliveryFromConfig } from './delivery-from-config.ts';
import { createDocumentRecords } from './document-records.ts';
import { apiRouterFromConfig, startOutboundWebhooks } from './documents-api-from-config.ts';
import { createDocumentSources, sourceSettingsFromConfig } from './document-sources.ts';
import { reporterWithRefundPlans } from './refund-plan-reports.ts';
import { sellersFromConfig, statementDepsFromConfig } from './statements-from-config.ts';
import { handleStatementJob, isStatementJob, startStatementScheduler } from '../statements/statement-job.ts';
import { createStatementRoutes } from '../statements/statement-routes.ts';
import { storeFromConfig } from './store-from-config.ts';
import { themedHtmlRenderer } from './themes-from-config.ts';
import { orderLinksFromConfig, orderPagesFromConfig, portalFromConfig } from '../portal/portal-from-config.ts';
import { documentFactsFromConfig } from './document-facts.ts';
import { createAdminRouter } from '../admin/admin-routes.ts';
import { consoleFromConfig } from '../console/console-from-config.ts';
import { createBrowserReadiness } from '../observe/browser-readiness.ts';
import { instrumentPipeline, type StepListener } from '../observe/instrument-pipeline.ts';
import { createMetrics, type FolioMetrics } from '../observe/metrics.ts';
import { observeJob } from '../observe/observe-job.ts';
import { createMetricsRouter, createRequestTimer } from '../observe/observe-routes.ts';
import { readState } from '../observe/read-state.ts';
import { recordSweep } from '../observe/observe-sweep.ts';
import { createPacer } from '../reconcile/rate-limit.ts';
import { runSweep } from '../reconcile/sweep.ts';
import { startEmbeddedVacuum, type EmbeddedVacuum } from '../db/embedded-vacuum.ts';
import { startSweeper, type Sweeper } from '../reconcile/sweeper.ts';
import type { WebhookQueue } from '../webhooks/webhook-queue.ts';

export interface StartOptions {
  logger?: Logger;
  /** Start queue workers in this process (default true); false gives a receive-only node. */
  workers?: boolean;
  /** Called around each pipeline step (observe/instrument-pipeline.ts); crash tests hold steps with it. */
  onStep?: StepListener;
}

export interface ConnectorHandle {
  url: string;
  port: number;
  db: Database;
  queue: JobQueue;
  metrics: FolioMetrics;
  /** The reconciliation sweep, when FOLIO_SWEEP_INTERVAL_MS is set and this process runs workers. */
  sweeper(): Sweeper | undefined;
  /** The embedded database's vacuum schedule (PGlite, FOLIO_EMBEDDED_VACUUM_INTERVAL_MS above 0). */
  vacuum: EmbeddedVacuum | undefined;
  /** Stops accepting webhooks, drains in-flight jobs, closes the browser and the database. */
  close(): Promise<void>;
}

/** Wires the one real adapter of each port from configuration and starts HTTP and the workers. */
export async function startConnector(config: FolioConfig, options: StartOptions = {}): Promise<ConnectorHandle> {
  const log = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const keys = loadWebhookKeys(config.FLUENT_WEBHOOK_KEYS);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: join(config.FOLIO_DATA_DIR, 'db') });
  const acceptDb = await openAcceptDatabase(config.DATABASE_URL, db);
  // PGlite is open in this process alone (its data directory is locked): what is in flight is a dead run's.
  if (db.engine === 'pglite') await releaseLeasesOfTheDead(db);
  const queue = createJobQueue(db, {
    acceptDatabase: acceptDb,
    maxAttempts: config.FOLIO_MAX_ATTEMPTS,
    backoffBaseMs: config.FOLIO_RETRY_BASE_MS,
    backoffMaxMs: config.FOLIO_RETRY_MAX_MS,
    visibilityTimeoutMs: config.FOLIO_JOB_TIMEOUT_MS,
    staleCheckIntervalMs: config.FOLIO_STALE_CHECK_MS,
    pollIntervalMs: config.FOLIO_POLL_INTERVAL_MS,
    stopTimeoutMs: config.FOLIO_STOP_TIMEOUT_MS,
    intakeYieldMs: config.FOLIO_INTAKE_YIELD_MS,
  });
  const store = storeFromConfig(config);
  const audit = createAuditTrail(db);
  const revocations = createLinkRevocations(db);
  const delivery = deliveryFromConfig(config, { db, store, audit });
  const pdf = createChromiumRenderer({ executablePath: config.FOLIO_CHROMIUM_PATH, concurrency: config.FOLIO_RENDER_CONCURRENCY, batch: { callers: config.FOLIO_WORKER_CONCURRENCY } });
  const browser = createBrowserReadiness(pdf);
  const metrics = createMetrics(
    () => readState(db, queue),
    () => printTotalsOf(pdf.stats()),
  );
  // Started with the workers below; /admin shows its last findings.
  let sweeper: Sweeper | undefined;
  // Ended seller cycles are queued by the processes that run workers.
  let statementSchedule: { stop(): void } | undefined;
  // Outbound webhooks are delivered by the processes that run workers.
  let outboundWebhooks: WebhookQueue | undefined;
  // PGlite has no autovacuum: the one process that has it open vacuums it.
  const vacuum = db.engine === 'pglite' && config.FOLIO_EMBEDDED_VACUUM_INTERVAL_MS > 0 ? startEmbeddedVacuum(db, { intervalMs: config.FOLIO_EMBEDDED_VACUUM_INTERVAL_MS, log }) : undefined;

  // Document links carry the public URL, known only once the port is bound: the router fills in then.
  const documents = Router();
  const http = createHttpServer({
    webhook: createWebhookHandler({ keys, queue, maxBytes: config.FOLIO_WEBHOOK_MAX_BYTES }),
    documents,
    timeRequest: createRequestTimer(metrics),
    metrics: createMetricsRouter(metrics),
    ...(config.FOLIO_ADMIN_TOKEN && { admin: createAdminRouter({ token: config.FOLIO_ADMIN_TOKEN, publicBaseUrl: config.PUBLIC_BASE_URL, db, queue, audit, sweepStatus: () => sweeper?.status() }) }),
    readiness: {
      database: async () => (await db.query('select 1')).rowCount === 1,
      storage: () => store.ping(),
      browser: () => browser.ready(),
    },
  });
  const server = await listen(http, config.PORT, config.HOST);
  const port = (server.address() as { port: number }).port;
  const baseUrl = publicBaseUrl(config, port);
  const [active] = config.FOLIO_LINK_KEYS;
  const signer = createLinkSigner({ keys: config.FOLIO_LINK_KEYS, activeKid: active!.kid, ttlSeconds: config.FOLIO_LINK_TTL_SECONDS, baseUrl });
  documents.use(createDocumentRoutes({ signer, store, revocations, audit, tenantOf: tenantOfStorageKey }));
  // The documents API (/api/v1) signs its short-lived links with the public URL too.
  documents.use(apiRouterFromConfig(config, { db, baseUrl, audit }));

  const fluent = new FluentHttpClient({
    baseUrl: config.FLUENT_BASE_URL,
    accountId: config.FLUENT_ACCOUNT_ID,
    credentials: { username: config.FLUENT_USERNAME, password: config.FLUENT_PASSWORD, clientId: config.FLUENT_CLIENT_ID, clientSecret: config.FLUENT_CLIENT_SECRET },
  });
  const orderPage = orderPagesFromConfig(config, baseUrl);
  const deps: PipelineDeps = {
    fluent,
    resolveSource: createDocumentSources(sourceSettingsFromConfig(config)),
    records: createDocumentRecords(db, { facts: documentFactsFromConfig(config) }),
    html: themedHtmlRenderer(config.FOLIO_THEMES, orderLinksFromConfig(config, baseUrl)),
    pdf,
    store,
    links: signer,
    audit,
    reporter: reporterWithRefundPlans(fluentReporter(fluent)),
    einvoice: createEInvoiceIssuer({ formats: config.FOLIO_EINVOICE_FORMATS, seller: config.FOLIO_EINVOICE_SELLER }),
    ...(delivery && { delivery }),
    ...(orderPage && { orderPage }),
    defaults: { locale: config.FOLIO_DEFAULT_LOCALE, timeZone: config.FOLIO_DEFAULT_TIME_ZONE },
  };
  // Marketplace seller statements: cycle jobs on the same queue, adjustments under /admin/api/statements.
  const statements = statementDepsFromConfig(config, { fluent, db, html: deps.html, pdf: browser.renderer, store, links: signer, audit, records: deps.records, delivery, einvoice: deps.einvoice });
  const sellers = sellersFromConfig(config, fluent);
  if (config.FOLIO_ADMIN_TOKEN) documents.use(createStatementRoutes({ token: config.FOLIO_ADMIN_TOKEN, db, audit, sellers, accountId: config.FLUENT_ACCOUNT_ID }));
  // The shopper portal (/portal) rides on the same router as the document links it hands out.
  const portal = portalFromConfig(config, { db, audit, revocations, fluent, metrics, resender: delivery, baseUrl, log });
  if (portal) documents.use(portal.router);
  // The operator console (/console) needs the public URL for its OIDC callback.
  const operatorConsole = consoleFromConfig(config, { db, store, queue, audit, revocations, fluent, resolveSource: deps.resolveSource, links: signer, delivery, baseUrl, sweepStatus: () => sweeper?.status() });
  if (operatorConsole) documents.use(operatorConsole);
  if (options.workers !== false) {
    // Each job runs with a child logger carrying its Fluent event id, and with timed steps.
    const observed = instrumentPipeline({ ...deps, pdf: browser.renderer }, { metrics, ...(options.onStep && { onStep: options.onStep }) });
    await queue.work(
      observeJob(log, metrics, (job, jobLog) => (isStatementJob(job.event) ? handleStatementJob(statements, sellers, job, jobLog) : handleDocumentJob(observed, job, jobLog))),
      { concurrency: config.FOLIO_WORKER_CONCURRENCY },
    );
    if (config.FOLIO_STATEMENTS_INTERVAL_MS > 0) statementSchedule = startStatementScheduler({ intervalMs: config.FOLIO_STATEMENTS_INTERVAL_MS, deps: statements, queue, sellers, log });
    outboundWebhooks = await startOutboundWebhooks(config, db, log);
    if (config.FOLIO_SWEEP_INTERVAL_MS > 0) {
      const target = { accountId: config.FLUENT_ACCOUNT_ID, retailerId: config.FLUENT_RETAILER_ID };
      const pace = createPacer(config.FOLIO_SWEEP_RATE);
      sweeper = startSweeper({
        intervalMs: config.FOLIO_SWEEP_INTERVAL_MS,
        graceMs: config.FOLIO_SWEEP_GRACE_MS,
        log,
        sweep: () => runSweep({ fluent: deps.fluent, db, queue, pace }, { ...target, graceMs: config.FOLIO_SWEEP_GRACE_MS }),
        onReport: (report) => recordSweep(metrics, report),
      });
    }
  }
  log.info({ url: baseUrl, database: db.engine }, 'folio connector listening');

  return {
    url: baseUrl,
    port,
    db,
    queue,
    metrics,
    sweeper: () => sweeper,
    vacuum,
    async close() {
      await sweeper?.stop();
      await vacuum?.stop();
      statementSchedule?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.stop();
      await outboundWebhooks?.stop();
      await pdf.close();
      await delivery?.close();
      portal?.close();
      if (acceptDb !== db) await acceptDb.close();
      await db.close();
    },
  };
}

/**
 * On PostgreSQL, webhook acknowledgements get a pool of their own, connected before the first webhook
 * arrives: an ack then never waits behind the workers' queries, nor for a connection to be opened.
 */
async function openAcceptDatabase(databaseUrl: string | undefined, db: Database): Promise<Database> {
  if (!databaseUrl) return db;
  const accepts = await openDatabase({ databaseUrl, poolSize: ACCEPT_CONNECTIONS, migrate: false });
  await Promise.all(Array.from({ length: ACCEPT_CONNECTIONS }, () => accepts.transaction((tx) => tx.query('SELECT 1'))));
  return accepts;
}

/** One commit runs at a time (accept-batcher.ts); a second connection covers a duplicate's follow-up read. */
const ACCEPT_CONNECTIONS = 2;

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
