import { embeddedEnv, type FluentAccountAccess } from '../demo/local-config.ts';

/**
 * Environment for a connector child process against a Fluent account (the emulator's). A fixed
 * PORT keeps the webhook URL valid across kill/restart; retry and claim timings are short so a
 * killed job comes back within seconds (the claim timeout must still exceed the slowest job).
 */
export function childEnv(fluent: FluentAccountAccess, overrides: Record<string, string>): Record<string, string> {
  return embeddedEnv(fluent, {
    HOST: '127.0.0.1',
    FOLIO_RETRY_BASE_MS: '1000',
    FOLIO_RETRY_MAX_MS: '4000',
    FOLIO_MAX_ATTEMPTS: '8',
    FOLIO_JOB_TIMEOUT_MS: '8000',
    FOLIO_STALE_CHECK_MS: '1000',
    FOLIO_POLL_INTERVAL_MS: '500',
    ...overrides,
  });
}

export { freePort } from '../dev/free-port.ts';
