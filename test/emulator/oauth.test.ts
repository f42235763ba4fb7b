import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { oauthToken } from './helpers.ts';

describe('emulator OAuth (POST /oauth/token)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ accessTokenTtlSeconds: 1 });
  });
  afterAll(() => emulator.close());

  const graphql = (token?: string) =>
    fetch(`${emulator.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: '{ settings { edges { node { id } } } }' }),
    });

  it('grants a bearer token in Fluent’s response shape for the password grant', async () => {
    const response = await oauthToken(emulator);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1, scope: 'api', Retailer_id: 1 });
    expect(body.access_token).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.refresh_token).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['FirstName', 'LastName', 'Roles']));
    expect((await graphql(body.access_token as string)).status).toBe(200);
  });

  it('accepts the parameters in the query string too', async () => {
    const { username, password, clientId, clientSecret } = emulator.credentials;
    const query = new URLSearchParams({ grant_type: 'password', username, password, client_id: clientId, client_secret: clientSecret, scope: 'api' });
    const response = await fetch(`${emulator.url}/oauth/token?${query}`, { method: 'POST' });
    expect(response.status).toBe(200);
  });

  it('refreshes once per refresh token', async () => {
    const first = (await (await oauthToken(emulator)).json()) as { refresh_token: string };
    const refresh = () => oauthToken(emulator, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    const renewed = await refresh();
    expect(renewed.status).toBe(200);
    const body = (await renewed.json()) as { access_token: string };
    expect((await graphql(body.access_token)).status).toBe(200);
    const again = await refresh();
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers 401 with OAuth errors for wrong user or client credentials', async () => {
    const badUser = await oauthToken(emulator, { password: 'wrong' });
    expect(badUser.status).toBe(401);
    expect(await badUser.json()).toMatchObject({ error: 'invalid_grant' });
    const badClient = await oauthToken(emulator, { client_secret: 'wrong' });
    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toMatchObject({ error: 'invalid_client' });
    const badGrant = await oauthToken(emulator, { grant_type: 'client_credentials' });
    expect(badGrant.status).toBe(400);
    expect(await badGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('refuses the APIs without a live bearer token, and after the token expires', async () => {
    expect((await graphql()).status).toBe(401);
    expect((await graphql('not-a-token')).status).toBe(401);
    const events = await fetch(`${emulator.url}/api/v4.1/event`);
    expect(events.status).toBe(401);
    const { access_token } = (await (await oauthToken(emulator)).json()) as { access_token: string };
    expect((await graphql(access_token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await graphql(access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: 'invalid_token' });
  });
});
