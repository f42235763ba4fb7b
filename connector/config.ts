import { z } from 'zod';
import { databaseVariables } from './config/database.ts';
import { checkDelivery, deliveryVariables } from './config/delivery.ts';
import { documentVariables } from './config/documents.ts';
import { fluentVariables } from './config/fluent.ts';
import { jobVariables } from './config/jobs.ts';
import { readEnvironment } from './config/read-environment.ts';
import { renderingVariables } from './config/rendering.ts';
import { serverVariables } from './config/server.ts';
import { checkStorage, storageVariables } from './config/storage.ts';
import { sweepVariables } from './config/sweep.ts';

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
    ...sweepVariables,
  })
  .superRefine((config, ctx) => {
    checkStorage(config, ctx);
    checkDelivery(config, ctx);
  });

export type FolioConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  return readEnvironment(configSchema, env);
}

/** Only where the data lives, for CLI commands that work on the database without the whole connector's configuration. */
export const databaseConfigSchema = z.object(databaseVariables);

export function loadDatabaseConfig(env: Record<string, string | undefined> = process.env) {
  return readEnvironment(databaseConfigSchema, env);
}

export function publicBaseUrl(config: Pick<FolioConfig, 'PUBLIC_BASE_URL' | 'HOST'>, boundPort: number): string {
  return config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${boundPort}`;
}
