import * as oidc from 'openid-client';
import type { RoleMapping } from '../config/console.ts';
import { operatorFromClaims, type Operator } from './roles.ts';
import type { SignInTransaction } from './session.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  roles: RoleMapping;
}

/** Sign-in refused: the message is shown to the person (no secrets in it). */
export class SignInError extends Error {
  override readonly name = 'SignInError';
}

export interface OidcSignIn {
  /** Where to send the browser, and the transaction to keep for the callback. */
  begin(): Promise<{ url: string; transaction: SignInTransaction }>;
  /** Checks the callback (state, code, PKCE, ID token signature and nonce) and maps the person to an operator. */
  complete(callbackQuery: string, transaction: SignInTransaction): Promise<Operator>;
}

/**
 * OpenID Connect authorization code flow with PKCE, state and nonce, through openid-client. The
 * provider's metadata is discovered on first use (the connector starts while the provider is down),
 * and ID tokens have their signature checked against the provider's keys as well as their claims.
 * Plain http is allowed only for a provider on loopback (a local test provider).
 */
export function createOidcSignIn(settings: OidcSettings): OidcSignIn {
  let configuration: Promise<oidc.Configuration> | undefined;
  const configure = () => {
    configuration ??= (async () => {
      const issuer = new URL(settings.issuer);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      const config = await oidc.discovery(issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), loopback ? { execute: [oidc.allowInsecureRequests] } : undefined);
      oidc.enableNonRepudiationChecks(config);
      return config;
    })().catch((error: unknown) => {
      configuration = undefined;
      throw new SignInError(`the identity provider could not be reached: ${(error as Error).message}`);
    });
    return configuration;
  };

  return {
    async begin() {
      const config = await configure();
      const transaction = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: 'openid email profile',
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(transaction.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, transaction };
    },
    async complete(callbackQuery, transaction) {
      const config = await configure();
      const current = new URL(settings.redirectUrl);
      current.search = callbackQuery;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: transaction.verifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new SignInError(`sign-in failed: ${(error as Error).message}`);
      }
      const idClaims = tokens.claims();
      if (!idClaims) throw new SignInError('sign-in failed: the identity provider sent no ID token');
      // Providers often keep profile claims out of the ID token; the UserInfo endpoint has them.
      let claims: Record<string, unknown> = { ...idClaims };
      if (config.serverMetadata().userinfo_endpoint) {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => undefined);
        if (info) claims = { ...info, ...claims };
      }
      const operator = operatorFromClaims(settings.roles, claims);
      if (!operator) throw new SignInError(`${typeof claims['email'] === 'string' ? claims['email'] : idClaims.sub} has no console role: ask an administrator to grant one (FOLIO_CONSOLE_ROLES or the role claims)`);
      return operator;
    },
  };
}
