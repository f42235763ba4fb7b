import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { errorFromHttp } from './http-errors.ts';

/** Fluent's token answer (REFERENCE.md §3); only the fields we use are required. */
const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().optional(),
});

export interface OAuthCredentials {
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
}

/** Refresh this long before expiry so a token never lapses mid-request (Mystique does the same). */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Holds one access token: password grant first, then the single-use refresh token near expiry,
 * falling back to the password grant when a refresh is refused. Concurrent callers share one request.
 */
export class OAuthTokenSource {
  private token?: { access: string; refresh?: string; expiresAt: number };
  private pending?: Promise<string>;
  private readonly http: AxiosInstance;

  constructor(
    baseUrl: string,
    private readonly accountId: string,
    private readonly credentials: OAuthCredentials,
    private readonly now: () => number = Date.now,
  ) {
    this.http = axios.create({ baseURL: baseUrl, timeout: 15_000 });
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - EXPIRY_MARGIN_MS > this.now()) return this.token.access;
    this.pending ??= this.obtain().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forget the token (after a 401) so the next call gets a new one. */
  invalidate(): void {
    this.token = undefined;
  }

  private async obtain(): Promise<string> {
    const refresh = this.token?.refresh;
    if (refresh) {
      try {
        return await this.grant({ grant_type: 'refresh_token', refresh_token: refresh });
      } catch {
        // Refresh tokens are single-use and may have been spent or expired: start over.
      }
    }
    return this.grant({ grant_type: 'password', username: this.credentials.username, password: this.credentials.password, scope: 'api' });
  }

  private async grant(params: Record<string, string>): Promise<string> {
    const body = new URLSearchParams({ ...params, client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret });
    try {
      const response = await this.http.post('/oauth/token', body.toString(), {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'fluent.account': this.accountId },
      });
      const parsed = tokenResponseSchema.parse(response.data);
      this.token = { access: parsed.access_token, refresh: parsed.refresh_token, expiresAt: this.now() + parsed.expires_in * 1000 };
      return parsed.access_token;
    } catch (error) {
      throw errorFromHttp(error, 'Fluent OAuth token request');
    }
  }
}
