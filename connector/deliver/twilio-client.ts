import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import type TwilioRequestClient from 'twilio/lib/base/RequestClient.js';
import { sendHoldingLastByte, takeHeldCommitting } from './twilio-held-request.ts';

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /**
   * Send every API call to this origin instead of api.twilio.com (a local Twilio emulator or a test
   * server). twilio's own `edge`/`region` options cannot name a host, so the HTTP client rewrites URIs.
   */
  apiOrigin?: string;
  timeoutMs?: number;
}

export function createTwilioClient(options: TwilioClientOptions): twilio.Twilio {
  // autoRetry stays off: retries belong to deliverDocument, which records each attempt.
  return twilio(options.accountSid, options.authToken, { httpClient: new FolioRequestClient(options.apiOrigin, options.timeoutMs ?? 30_000) });
}

/** Whether requests made with this client inside `holdingLastByte` hold their last byte until `committing`. */
export function holdsLastByte(client: twilio.Twilio): boolean {
  return client.httpClient instanceof FolioRequestClient;
}

/**
 * twilio's own client for every request, except one made inside `holdingLastByte`: that one goes out
 * through sendHoldingLastByte on a connection of its own. A kept-alive connection the server has just
 * closed still takes the first bytes into the kernel, so the record would be made and the last byte
 * refused: a message never sent, presumed sent. A new connection (TLS sessions are resumed) has just
 * shown the server is there.
 */
class FolioRequestClient extends twilio.RequestClient {
  private readonly agents = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

  constructor(
    private readonly origin: string | undefined,
    private readonly timeoutMs: number,
  ) {
    super({ timeout: timeoutMs });
  }

  override async request<TData>(opts: TwilioRequestClient.RequestOptions<TData>): Promise<{ statusCode: number; body: TData; headers: unknown }> {
    const asked = new URL(opts.uri);
    const uri = this.origin ? new URL(asked.pathname + asked.search, this.origin).toString() : opts.uri;
    const committing = takeHeldCommitting();
    if (!committing) return super.request({ ...opts, uri });
    const url = new URL(uri);
    for (const [name, value] of formFields(opts.params ?? {})) url.searchParams.append(name, value);
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>), Connection: 'close' };
    if (opts.username && opts.password) headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    else if (opts.authStrategy) headers.Authorization = await opts.authStrategy.getAuthString();
    const response = await sendHoldingLastByte(
      { url, method: opts.method.toUpperCase(), headers, body: bodyOf(headers['Content-Type'], opts.data ?? {}), timeoutMs: opts.timeout ?? this.timeoutMs, agents: this.agents },
      committing,
    );
    // twilio parses a string body itself (Version.create), as it does axios's.
    return response as typeof response & { body: TData };
  }
}

function bodyOf(contentType: string | undefined, data: object): Buffer {
  if (contentType === 'application/json') return Buffer.from(JSON.stringify(data));
  if (contentType === 'application/x-www-form-urlencoded') return Buffer.from(new URLSearchParams(formFields(data)).toString());
  throw new Error(`twilio: cannot send a body of type ${contentType ?? '(none)'}`);
}

/** Twilio's form encoding: a list repeats its field (MediaUrl=…&MediaUrl=…), as twilio's `arrayFormat: 'repeat'`. */
function formFields(data: object): [string, string][] {
  return Object.entries(data).flatMap(([name, value]: [string, unknown]) =>
    value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, formValue(name, item)]),
  );
}

function formValue(name: string, value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`twilio: the field ${name} is not a string, number or boolean`);
}
