import type { Request, Response } from 'express';
import { z } from 'zod';
import type { TokenStore } from './tokens.ts';

export interface Credentials {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
}

const client = { client_id: z.string().min(1), client_secret: z.string().min(1) };
const tokenRequest = z.discriminatedUnion('grant_type', [
  z.object({ grant_type: z.literal('password'), username: z.string().min(1), password: z.string().min(1), scope: z.literal('api').optional(), ...client }),
  z.object({ grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1), ...client }),
]);

/**
 * POST /oauth/token (REFERENCE.md §3): form body, or the query string Fluent also accepts. Errors use
 * OAuth's JSON shape; the brief's contract is 401 for bad client or user credentials.
 */
export function oauthTokenHandler(tokens: TokenStore, credentials: Credentials, user: { retailerId: string }) {
  return (req: Request, res: Response): void => {
    const params = { ...(req.query as Record<string, unknown>), ...((req.body ?? {}) as Record<string, unknown>) };
    const parsed = tokenRequest.safeParse(params);
    if (!parsed.success) {
      const unsupported = typeof params.grant_type === 'string' && !['password', 'refresh_token'].includes(params.grant_type);
      res.status(400).json(
        unsupported
          ? { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${params.grant_type}` }
          : { error: 'invalid_request', error_description: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') },
      );
      return;
    }
    const request = parsed.data;
    if (request.client_id !== credentials.clientId || request.client_secret !== credentials.clientSecret) {
      res.status(401).json({ error: 'invalid_client', error_description: 'Bad client credentials' });
      return;
    }
    const issued =
      request.grant_type === 'password'
        ? request.username === credentials.username && request.password === credentials.password
          ? tokens.issue()
          : undefined
        : tokens.redeem(request.refresh_token);
    if (!issued) {
      const description = request.grant_type === 'password' ? 'Bad credentials' : `Invalid refresh token: ${request.refresh_token}`;
      res.status(401).json({ error: 'invalid_grant', error_description: description });
      return;
    }
    res.json({
      access_token: issued.accessToken,
      token_type: 'bearer',
      expires_in: issued.expiresIn,
      scope: 'api',
      Retailer_id: Number(user.retailerId),
      FirstName: 'Folio',
      LastName: 'Emulator',
      Roles: ['ADMIN'],
      refresh_token: issued.refreshToken,
    });
  };
}
