import { z } from 'zod';
import { eventIdFromEventApiResponse } from '../fluent/contract.ts';
import { eventApiRequestSchema, type EventApiRequest } from '../fluent/event-model.ts';
import { PermanentError, RetryableError } from '../core/errors.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { errorFromHttp, HttpStatusError } from './http-errors.ts';
import { JsonOverHttp } from './json-over-http.ts';
import { OAuthTokenSource, type OAuthCredentials } from './oauth.ts';

const graphqlResponseSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string() }).loose()).optional(),
});

/** Words in a GraphQL error that mean the server had a bad moment rather than that we asked wrongly. */
const TRANSIENT_GRAPHQL_ERROR = /timeout|timed out|unavailable|try again|too many requests/i;

export interface FluentHttpClientOptions {
  baseUrl: string;
  accountId: string;
  credentials: OAuthCredentials;
  timeoutMs?: number;
}

/** The one real FluentClient: OAuth bearer tokens, POST /graphql, POST /api/v4.1/event/async. */
export class FluentHttpClient implements FluentClient {
  private readonly http: JsonOverHttp;
  private readonly tokens: OAuthTokenSource;

  constructor(private readonly options: FluentHttpClientOptions) {
    this.http = new JsonOverHttp(options.baseUrl, options.timeoutMs ?? 20_000);
    this.tokens = new OAuthTokenSource(options.baseUrl, options.accountId, options.credentials);
  }

  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.authorized('Fluent GraphQL', (headers) => this.http.post('/graphql', { query, variables }, headers));
    const body = graphqlResponseSchema.safeParse(response);
    if (!body.success) throw new PermanentError('Fluent GraphQL answered without data or errors');
    if (body.data.errors?.length) {
      const message = `Fluent GraphQL error: ${body.data.errors.map((e) => e.message).join('; ')}`;
      throw TRANSIENT_GRAPHQL_ERROR.test(message) ? new RetryableError(message) : new PermanentError(message);
    }
    return body.data.data as T;
  }

  /** Lets the process exit without waiting for idle connections to time out. */
  close(): Promise<void> {
    return this.http.close();
  }

  async postEvent(event: EventApiRequest): Promise<{ id?: string }> {
    const body = eventApiRequestSchema.parse({ accountId: this.options.accountId, ...event });
    const response = await this.authorized('Fluent Event API', (headers) => this.http.post('/api/v4.1/event/async', body, headers));
    return { id: eventIdFromEventApiResponse(response) };
  }

  /** Sends with a bearer token; on 401 gets a fresh token once (it may have been revoked early). */
  private async authorized(what: string, send: (headers: Record<string, string>) => Promise<unknown>): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.accessToken();
      try {
        return await send({ authorization: `Bearer ${token}`, 'fluent.account': this.options.accountId });
      } catch (error) {
        if (attempt === 1 && error instanceof HttpStatusError && error.status === 401) {
          this.tokens.invalidate();
          continue;
        }
        throw errorFromHttp(error, what);
      }
    }
  }
}
