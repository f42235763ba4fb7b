import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig } from '../../../connector/config.ts';
import { embeddedEnv, type FluentAccountAccess } from '../../../scripts/demo/local-config.ts';

/** A Fluent account nobody serves (nothing here connects), with a webhook key that loads: what the schema needs. */
export const unreachableFluent: FluentAccountAccess = {
  url: 'http://127.0.0.1:1',
  accountId: 'ACME',
  retailerId: '1',
  publicKeySpkiBase64: generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  credentials: { username: 'u', password: 'p', clientId: 'c', clientSecret: 's' },
};

/** A complete, valid connector environment, with some variables changed. */
export const connectorEnv = (overrides: Record<string, string> = {}) => embeddedEnv(unreachableFluent, overrides);

/** What loading this environment refuses, one line per problem (each names its variable); throws if it loads. */
export function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration loaded');
}
