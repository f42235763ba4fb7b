import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadCliFallbacks, type CliFallbacks } from '../../config.ts';
import type { OAuthCredentials } from '../../fetch/oauth.ts';
import { checkAccountId, checkRetailerId } from '../../install/stamp.ts';
import { UsageError } from '../command.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `--name value` options strictly: an unknown option or a stray word is a UsageError. */
export function parseOptions<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

type FallbackVariable = keyof CliFallbacks;

/** A string option, else the environment variable (read through the connector's schema), else a UsageError naming both. */
export function required(value: unknown, option: string, env?: FallbackVariable, fallbacks?: Readonly<CliFallbacks>): string {
  const fromEnv = env ? (fallbacks ?? loadCliFallbacks())[env] : undefined;
  const text = typeof value === 'string' && value !== '' ? value : fromEnv === undefined ? undefined : String(fromEnv);
  if (text === undefined || text === '') throw new UsageError(`missing --${option}${env ? ` (or ${env})` : ''}`);
  return text;
}

/** Runs a validator whose errors are mistakes in the command line. */
export function asUsage<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The options every command that talks to Fluent takes, each with its FLUENT_* variable (connector/config.ts). */
export const CONNECTION_OPTIONS = {
  account: { type: 'string' },
  url: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
} as const satisfies Options;

export const CONNECTION_USAGE = `Connection (each falls back to its environment variable, as the connector reads them):
  --account ID           Fluent account id, e.g. ACME                     FLUENT_ACCOUNT_ID
  --url URL              API root, https://ACME.sandbox.api.fluentretail.com  FLUENT_BASE_URL
  --username NAME        API user (role ORCHESTRATION_ADMIN)              FLUENT_USERNAME
  --password SECRET                                                       FLUENT_PASSWORD
  --client-id ID                                                          FLUENT_CLIENT_ID
  --client-secret SECRET                                                  FLUENT_CLIENT_SECRET`;

export interface Connection {
  baseUrl: string;
  accountId: string;
  credentials: OAuthCredentials;
}

export function connectionFrom(values: Partial<Record<keyof typeof CONNECTION_OPTIONS, unknown>>, fallbacks = loadCliFallbacks()): Connection {
  const baseUrl = required(values.url, 'url', 'FLUENT_BASE_URL', fallbacks);
  asUsage(() => {
    if (!/^https?:\/\//.test(baseUrl)) throw new Error(`--url "${baseUrl}" is not an http(s) URL`);
  });
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    accountId: asUsage(() => checkAccountId(required(values.account, 'account', 'FLUENT_ACCOUNT_ID', fallbacks))),
    credentials: {
      username: required(values.username, 'username', 'FLUENT_USERNAME', fallbacks),
      password: required(values.password, 'password', 'FLUENT_PASSWORD', fallbacks),
      clientId: required(values['client-id'], 'client-id', 'FLUENT_CLIENT_ID', fallbacks),
      clientSecret: required(values['client-secret'], 'client-secret', 'FLUENT_CLIENT_SECRET', fallbacks),
    },
  };
}

export function retailerFrom(value: unknown, fallbacks = loadCliFallbacks()): string {
  return asUsage(() => checkRetailerId(typeof value === 'string' ? value : (fallbacks.FLUENT_RETAILER_ID ?? '1')));
}
