import type { Emulator } from '../../../scripts/emulator/index.ts';

/** The FLUENT_* variables that point the CLI (and the connector) at an emulator. */
export function fluentEnv(emulator: Emulator): Record<string, string> {
  return {
    FLUENT_BASE_URL: emulator.url,
    FLUENT_ACCOUNT_ID: emulator.accountId,
    FLUENT_RETAILER_ID: emulator.retailerId,
    FLUENT_USERNAME: emulator.credentials.username,
    FLUENT_PASSWORD: emulator.credentials.password,
    FLUENT_CLIENT_ID: emulator.credentials.clientId,
    FLUENT_CLIENT_SECRET: emulator.credentials.clientSecret,
  };
}
