import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../connector/config.ts';
import { embeddedEnv } from '../../scripts/demo/local-config.ts';
// The schema loads webhook keys now, so the account needs a real one.
import { unreachableFluent as fluent } from '../config/support/connector-env.ts';

describe('sweep configuration', () => {
  it('is on by default, every 5 minutes, for requests older than 5 minutes, 5 a second', () => {
    expect(loadConfig(embeddedEnv(fluent))).toMatchObject({ FOLIO_SWEEP_INTERVAL_MS: 300_000, FOLIO_SWEEP_GRACE_MS: 300_000, FOLIO_SWEEP_RATE: 5 });
    expect(loadConfig(embeddedEnv(fluent, { FOLIO_SWEEP_INTERVAL_MS: '0', FOLIO_SWEEP_RATE: '0.5' }))).toMatchObject({ FOLIO_SWEEP_INTERVAL_MS: 0, FOLIO_SWEEP_RATE: 0.5 });
  });

  it('names the variable of every bad value', () => {
    const problems = () => loadConfig(embeddedEnv(fluent, { FOLIO_SWEEP_INTERVAL_MS: '-1', FOLIO_SWEEP_GRACE_MS: 'soon', FOLIO_SWEEP_RATE: '0' }));
    expect(problems).toThrow(/FOLIO_SWEEP_INTERVAL_MS: /);
    expect(problems).toThrow(/FOLIO_SWEEP_GRACE_MS: /);
    expect(problems).toThrow(/FOLIO_SWEEP_RATE: /);
  });
});
