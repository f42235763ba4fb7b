import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { OAuthTokenSource } from '../../connector/fetch/oauth.ts';
import { PermanentError } from '../../connector/core/errors.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';

describe("the connector's Fluent OAuth tokens (against the emulator)", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // Tokens live 2 minutes here, so a moved clock can make them due for refresh.
    emulator = await startEmulator({ accessTokenTtlSeconds: 120 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('reuses a live token, and refreshes it (single-use refresh token) when it nears expiry', async () => {
    let now = Date.now();
    const tokens = new OAuthTokenSource(emulator.url, emulator.accountId, emulator.credentials, () => now);
    const first = await tokens.accessToken();
    expect(await tokens.accessToken()).toBe(first);
    // Concurrent callers share one request.
    const shared = await Promise.all([tokens.accessToken(), tokens.accessToken()]);
    expect(shared).toEqual([first, first]);

    now += 61_000; // inside the 60 s margin before expiry
    const second = await tokens.accessToken();
    expect(second).not.toBe(first);
    now += 61_000;
    const third = await tokens.accessToken();
    expect(third).not.toBe(second);

    const client = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
    expect(await client.graphql<{ settings: unknown }>('{ settings(first: 1) { edges { node { name } } } }')).toHaveProperty('settings');
  });

  it('gets a new token when Fluent refuses the cached one (401), without failing the call', async () => {
    const port = Number(new URL(emulator.url).port);
    const client = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
    await client.graphql('{ settings(first: 1) { edges { node { name } } } }');
    // Fluent forgets every token (a restart here): the client's cached token is now refused with 401.
    await emulator.close();
    emulator = await startEmulator({ port, accessTokenTtlSeconds: 120 });
    const answer = await client.graphql<{ settings: unknown }>('{ settings(first: 1) { edges { node { name } } } }');
    expect(answer).toHaveProperty('settings');
  });

  it('fails for good, with the reason, when the credentials are wrong', async () => {
    const tokens = new OAuthTokenSource(emulator.url, emulator.accountId, { ...emulator.credentials, password: 'wrong' });
    const error = await tokens.accessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/Fluent OAuth token request answered HTTP 401/);
  });
});
