import { z } from 'zod';
import { checkConsole, consoleVariables } from './config/console.ts';
import { databaseVariables } from './config/database.ts';
import { checkDelivery, deliveryVariables } from './config/delivery.ts';
import { documentVariables } from './config/documents.ts';
import { einvoiceVariables } from './config/einvoice.ts';
import { fluentVariables } from './config/fluent.ts';
import { jobVariables } from './config/jobs.ts';
import { portalVariables } from './config/portal.ts';
import { readEnvironment } from './config/read-environment.ts';
import { renderingVariables } from './config/rendering.ts';
import { serverVariables } from './config/server.ts';
import { checkStorage, storageVariables } from './config/storage.ts';
import { sweepVariables } from './config/sweep.ts';
import { apiVariables } from './config/api.ts';
import { outboundWebhookVariables } from './config/webhooks.ts';
import { statementVariables } from './config/statements.ts';

export { ConfigError } from './config/read-environment.ts';

/**
 * All configuration comes from the environment, read once at start-up (before the server listens)
 * through this one schema, JSON settings and custom document declarations included; a bad value stops
 * the service with a message naming the variable. Defaults run the embedded setup (PGlite, local
 * files). Nothing else reads process.env: the running process gets the typed, frozen result.
 */
export const configSchema = z
  .object({
    ...serverVariables,
    ...databaseVariables,
    ...fluentVariables,
    ...jobVariables,
    ...renderingVariables,
    ...storageVariables,
    ...deliveryVariables,
    ...documentVariables,
    ...einvoiceVariables,
    ...sweepVariables,
    ...apiVariables,
    ...outboundWebhookVariables,
    ...consoleVariables,
    ...portalVariables,
    ...statementVariables,
  })
  .superRefine((config, ctx) => {
    checkStorage(config, ctx);
    checkDelivery(config, ctx);
    checkConsole(config, ctx);
  });

export type FolioConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  return readEnvironment(configSchema, env);
}

/**
 * What `folio` commands fall back to when an option is left out: the connection and rate variables the
 * connector reads, each optional here (the command names the option or variable that is missing), and
 * checked like the connector checks them when set.
 */
export const cliFallbackSchema = z
  .object(fluentVariables)
  .pick({ FLUENT_BASE_URL: true, FLUENT_ACCOUNT_ID: true, FLUENT_RETAILER_ID: true, FLUENT_USERNAME: true, FLUENT_PASSWORD: true, FLUENT_CLIENT_ID: true, FLUENT_CLIENT_SECRET: true })
  .partial()
  .extend({ FOLIO_SWEEP_RATE: sweepVariables.FOLIO_SWEEP_RATE });
export type CliFallbacks = z.output<typeof cliFallbackSchema>;

export function loadCliFallbacks(env: Record<string, string | undefined> = process.env): Readonly<CliFallbacks> {
  // An option's variable set to '' is as good as unset: the command then names the option that is missing.
  return readEnvironment(cliFallbackSchema, Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
}

/** Only where the data lives, for CLI commands that work on the database without the whole connector's configuration. */
export const databaseConfigSchema = z.object(databaseVariables);

export function loadDatabaseConfig(env: Record<string, string | undefined> = process.env) {
  return readEnvironment(databaseConfigSchema, env);
}

export function publicBaseUrl(config: Pick<FolioConfig, 'PUBLIC_BASE_URL' | 'HOST'>, boundPort: number): string {
  return config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${boundPort}`;
}
