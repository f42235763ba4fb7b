import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { z } from 'zod';
import { createAdminRouter } from './admin/index.ts';
import type { Credentials } from './auth/oauth-route.ts';
import { TokenStore } from './auth/tokens.ts';
import type { EmulatorEvent } from './events/event-record.ts';
import { Orchestrator } from './events/orchestrator.ts';
import { GraphqlExecutor } from './graphql/executor.ts';
import { createFaults, type Faults } from './faults.ts';
import { createApp } from './http/app.ts';
import { loadRuleRegistry, type RuleRegistry } from './rules/registry.ts';
import { EntityStore } from './store.ts';
import type { WebhookDelivery } from './webhooks/delivery.ts';
import { WebhookDeliverer } from './webhooks/deliverer.ts';
import { createSigner } from './webhooks/signer.ts';
import { putSetting } from './workflow/settings-lookup.ts';
import { loadWorkflows, type Workflow } from './workflow/workflow-file.ts';

export type { EmulatorEvent, EventStatus, RuleRun } from './events/event-record.ts';
export type { WebhookAttempt, WebhookDelivery } from './webhooks/delivery.ts';
export type { EntityStore, Row } from './store.ts';

export interface EmulatorOptions {
  /** 0 = a random free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Default 'ACME'. */
  accountId?: string;
  /** Default '1'. */
  retailerId?: string;
  /** Default <repo>/workflows. */
  workflowsDir?: string;
  /** Initial settings by name, e.g. {'folio.webhook': {name: 'FolioDocumentRequested', url: 'http://127.0.0.1:1234/fluent/webhook'}}. */
  settings?: Record<string, unknown>;
  /** Default 86400 (24 h), like Fluent. */
  accessTokenTtlSeconds?: number;
  /** Overrides every workflow's webhook retry schedule (Fluent: immediately, 2 s, 4 s, 8 s). */
  webhookRetryDelaysMs?: readonly number[];
  /** More retailers of the account besides `retailerId`: a marketplace's sellers (connector/sellers). */
  retailers?: readonly { id: string; ref: string; tradingName?: string }[];
}

export interface Emulator {
  url: string;
  publicKeySpkiBase64: string;
  accountId: string;
  retailerId: string;
  credentials: Credentials;
  /** Creates or replaces an ACCOUNT-context setting; objects become JSON settings. */
  setSetting(name: string, value: unknown): void;
  /** Events received/created so far (including audit events), with their status. */
  events(): EmulatorEvent[];
  /** Webhooks sent, each with its attempts and final status. */
  webhooks(): WebhookDelivery[];
  /** Waits until no event is queued or running and no webhook is being delivered (or retried). */
  idle(timeoutMs?: number): Promise<void>;
  /** The in-memory entity store, for tests to read. */
  store: EntityStore;
  /** Fault switch for chaos tests: GraphQL or Event API answering 500 or timing out (faults.ts). */
  faults: Faults;
  close(): Promise<void>;
}

const optionsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  // Placeholders are substituted into workflow JSON text, so ids stay plain.
  accountId: z.string().regex(/^[A-Za-z0-9_]+$/).default('ACME'),
  retailerId: z.string().regex(/^\d+$/).default('1'),
  workflowsDir: z.string().min(1).default(fileURLToPath(new URL('../../workflows', import.meta.url))),
  settings: z.record(z.string(), z.unknown()).default({}),
  accessTokenTtlSeconds: z.number().positive().default(86_400),
  webhookRetryDelaysMs: z.array(z.number().int().min(0)).readonly().optional(),
  retailers: z.array(z.object({ id: z.string().regex(/^\d+$/), ref: z.string().min(1), tradingName: z.string().optional() })).default([]),
});

/** Starts a local Fluent: OAuth, GraphQL, the Event API, workflows and signed webhooks over real HTTP. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const config = optionsSchema.parse(options);
  const { accountId, retailerId } = config;
  const [signer, registry] = await Promise.all([createSigner(), loadRuleRegistry()]);
  const workflows = loadWorkflows(config.workflowsDir, { accountId, retailerId });
  assertRulesInstalled(workflows, registry, accountId);

  const store = new EntityStore();
  store.insert('Retailer', { ref: `${accountId}_RETAILER_${retailerId}`, tradingName: `${accountId} retailer`, status: 'ACTIVE' }, retailerId);
  for (const seller of config.retailers) {
    if (seller.id === retailerId) throw new Error(`retailer ${seller.id} is the account's own retailer`);
    store.insert('Retailer', { ref: seller.ref, tradingName: seller.tradingName ?? seller.ref, status: 'ACTIVE' }, seller.id);
  }
  for (const [name, value] of Object.entries(config.settings)) putSetting(store, name, value);

  // GraphQL creates raise events and rules mutate through GraphQL: the two refer to each other.
  const executor = new GraphqlExecutor({ store, created: (type, row) => events.entityCreated(type, row) });
  const deliverer = new WebhookDeliverer(signer, config.webhookRetryDelaysMs);
  const events = new Orchestrator({ accountId, retailerId, store, workflows, registry, executor, deliverer });
  const tokens = new TokenStore(config.accessTokenTtlSeconds);
  const faults = createFaults();
  const credentials: Credentials = { username: 'folio-api', password: 'folio-emulator', clientId: accountId, clientSecret: 'folio-emulator-secret' };

  // Fluent's admin REST APIs (workflows, plugins) go in front: createApp ends in a catch-all 404.
  const app = express().disable('x-powered-by');
  app.use(createAdminRouter({ accountId, tokens, registry, workflows }), createApp({ accountId, retailerId, credentials, tokens, executor, orchestrator: events, faults }));
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${config.host}:${port}`,
    publicKeySpkiBase64: signer.publicKeySpkiBase64,
    accountId,
    retailerId,
    credentials,
    store,
    faults,
    setSetting: (name, value) => void putSetting(store, name, value),
    events: () => events.log.all(),
    webhooks: () => deliverer.list(),
    idle: async (timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (events.busy || deliverer.busy) {
        if (Date.now() > deadline)
          throw new Error(`emulator not idle after ${timeoutMs} ms (events busy: ${events.busy}, webhooks busy: ${deliverer.busy})`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: async () => {
      faults.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await events.close();
      await deliverer.close();
      await closed;
    },
  };
}

/** Like Fluent's workflow PUT, refuse workflows whose rules are not installed for this account. */
function assertRulesInstalled(workflows: readonly Workflow[], registry: RuleRegistry, accountId: string): void {
  const missing = new Set<string>();
  for (const workflow of workflows)
    for (const ruleset of workflow.rulesets)
      for (const { name } of ruleset.rules)
        if (!name.startsWith(`${accountId}.`) || !registry.has(name.slice(accountId.length + 1))) missing.add(name);
  if (missing.size) throw new Error(`workflows use rules that are not installed for account ${accountId}: ${[...missing].join(', ')}`);
}
