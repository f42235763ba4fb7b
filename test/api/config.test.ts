import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../connector/config.ts';
import { connectorEnv, problemsOf } from '../config/support/connector-env.ts';

describe('documents API and outbound webhook configuration', () => {
  it('has defaults: API keys only, 600 requests a minute, 5-minute links; webhooks tried 20 times from 30 s', () => {
    const config = loadConfig(connectorEnv());
    expect(config.FOLIO_API_OIDC).toBeUndefined();
    expect(config.FOLIO_API_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(config.FOLIO_API_LINK_TTL_SECONDS).toBe(300);
    expect([config.FOLIO_OUTBOUND_MAX_ATTEMPTS, config.FOLIO_OUTBOUND_RETRY_BASE_MS, config.FOLIO_OUTBOUND_RETRY_MAX_MS]).toEqual([20, 30_000, 3_600_000]);
    expect(config.FOLIO_OUTBOUND_CONCURRENCY).toBe(4);
  });

  it('reads FOLIO_API_OIDC as JSON and names the place of a mistake in it', () => {
    const oidc = '{"issuer":"https://idp.example.com","audience":"folio-api","clients":{"erp":{"accountId":"ACME","retailerId":"1"}}}';
    expect(loadConfig(connectorEnv({ FOLIO_API_OIDC: oidc })).FOLIO_API_OIDC).toEqual({
      issuer: 'https://idp.example.com', audience: 'folio-api', clients: { erp: { accountId: 'ACME', retailerId: '1' } }, clockToleranceSeconds: 30,
    });
    const [problem] = problemsOf(connectorEnv({ FOLIO_API_OIDC: '{"issuer":"https://idp.example.com","audience":"folio-api","clients":{"erp":{"accountId":"ACME"}}}' }));
    expect(problem).toMatch(/^FOLIO_API_OIDC is invalid at clients\.erp\.retailerId/);
    expect(problemsOf(connectorEnv({ FOLIO_API_OIDC: 'idp.example.com' }))[0]).toMatch(/^FOLIO_API_OIDC/);
    expect(problemsOf(connectorEnv({ FOLIO_OUTBOUND_MAX_ATTEMPTS: '0' }))[0]).toMatch(/^FOLIO_OUTBOUND_MAX_ATTEMPTS/);
  });
});
