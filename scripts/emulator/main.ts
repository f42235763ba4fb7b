import { z } from 'zod';
import { DOCUMENT_REQUESTED_EVENT, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { startEmulator } from './index.ts';

/** Runs one emulator from the environment until interrupted: `npm run emulator`. */
const env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8090),
    HOST: z.string().default('127.0.0.1'),
    FLUENT_ACCOUNT_ID: z.string().optional(),
    FLUENT_RETAILER_ID: z.string().optional(),
    WORKFLOWS_DIR: z.string().optional(),
    /** Where core.SendWebhook posts Folio's document requests (the connector's webhook endpoint). */
    FOLIO_WEBHOOK_URL: z.url().optional(),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().positive().optional(),
  })
  .parse(process.env);

const emulator = await startEmulator({
  port: env.PORT,
  host: env.HOST,
  accountId: env.FLUENT_ACCOUNT_ID,
  retailerId: env.FLUENT_RETAILER_ID,
  workflowsDir: env.WORKFLOWS_DIR,
  accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
  settings: env.FOLIO_WEBHOOK_URL ? { [WEBHOOK_SETTING_NAME]: { name: DOCUMENT_REQUESTED_EVENT, url: env.FOLIO_WEBHOOK_URL } } : {},
});

const { credentials } = emulator;
console.log(`Fluent emulator for account ${emulator.accountId}, retailer ${emulator.retailerId}`);
console.log(`URL:        ${emulator.url}`);
console.log(`Public key: ${emulator.publicKeySpkiBase64}`);
console.log(`OAuth:      username=${credentials.username} password=${credentials.password} client_id=${credentials.clientId} client_secret=${credentials.clientSecret}`);

// Print each event once it has finished, so a developer can follow the workflow from the console.
const printed = new Set<string>();
const follow = setInterval(() => {
  for (const event of emulator.events()) {
    if (printed.has(event.id) || event.eventStatus === 'PENDING' || event.eventStatus === 'SCHEDULED') continue;
    printed.add(event.id);
    const entity = `${event.context.entityType} ${event.context.entityRef ?? event.context.entityId ?? ''}`;
    console.log(`${event.generatedOn} ${event.type} ${event.name} ${entity} → ${event.eventStatus}${event.message ? ` (${event.message})` : ''}`);
  }
}, 250);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    clearInterval(follow);
    void emulator.close().then(() => process.exit(0));
  });
