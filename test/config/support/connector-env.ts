import { generateKeyPairSync } from 'node:crypto';
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
