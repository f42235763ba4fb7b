import { randomBytes } from 'node:crypto';
import { loadConfig, type FolioConfig } from '../../connector/config.ts';

/** What the connector needs to know about a (local or real) Fluent account. */
export interface FluentAccountAccess {
  url: string;
  accountId: string;
  retailerId: string;
  publicKeySpkiBase64: string;
  credentials: { username: string; password: string; clientId: string; clientSecret: string };
}

/** Connector configuration for the embedded defaults against a given Fluent account (the emulator's). */
export function embeddedConfig(fluent: FluentAccountAccess, overrides: Record<string, string> = {}): FolioConfig {
  return loadConfig(embeddedEnv(fluent, overrides));
}

/** The same as environment variables, for a connector started as a child process. */
export function embeddedEnv(fluent: FluentAccountAccess, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    FLUENT_BASE_URL: fluent.url,
    FLUENT_ACCOUNT_ID: fluent.accountId,
    FLUENT_RETAILER_ID: fluent.retailerId,
    FLUENT_USERNAME: fluent.credentials.username,
    FLUENT_PASSWORD: fluent.credentials.password,
    FLUENT_CLIENT_ID: fluent.credentials.clientId,
    FLUENT_CLIENT_SECRET: fluent.credentials.clientSecret,
    FLUENT_WEBHOOK_KEYS: JSON.stringify([{ name: 'emulator', publicKeySpkiBase64: fluent.publicKeySpkiBase64 }]),
    // A fresh link key per run: demo links are for this run only.
    FOLIO_LINK_KEYS: `demo:${randomBytes(32).toString('base64url')}`,
    ...overrides,
  };
}
