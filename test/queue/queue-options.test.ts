import { expect, it } from 'vitest';
import { bossSettings } from '../../connector/queue/queue-options.ts';

it('turns the options into pg-boss settings: attempts into retries, milliseconds into whole seconds', () => {
  const settings = bossSettings({ maxAttempts: 4, backoffBaseMs: 1500, backoffMaxMs: 60_000, pollIntervalMs: 100, visibilityTimeoutMs: 90_500 });
  expect(settings).toMatchObject({
    retryLimit: 3,
    retryDelay: 2,
    retryDelayMax: 60,
    pollingIntervalSeconds: 0.5, // pg-boss polls at most every 500 ms
    expireInSeconds: 91,
  });
});

it('has defaults fit for production', () => {
  expect(bossSettings({})).toMatchObject({
    queueName: 'folio-documents',
    schema: 'folio_queue',
    retryLimit: 4,
    retryDelay: 5,
    retryDelayMax: 300,
    expireInSeconds: 600,
    pollingIntervalSeconds: 1,
    concurrency: 2,
    claimBatch: 4,
    intakeYieldMs: 50,
  });
});

it('refuses settings that cannot work', () => {
  expect(() => bossSettings({ maxAttempts: 0 })).toThrow(/maxAttempts/);
  expect(() => bossSettings({ maxAttempts: 2.5 })).toThrow(/maxAttempts/);
  expect(() => bossSettings({ schema: 'queue; DROP' })).toThrow(/not a schema name/);
  expect(() => bossSettings({ claimBatch: 0 })).toThrow(/claimBatch must be a whole number ≥ 1, not 0/);
});
