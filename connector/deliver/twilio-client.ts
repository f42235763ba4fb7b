import twilio from 'twilio';

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
  const httpClient = options.apiOrigin ? new OriginRequestClient(options.apiOrigin, options.timeoutMs) : new twilio.RequestClient({ timeout: options.timeoutMs ?? 30_000 });
  // autoRetry stays off: retries belong to deliverDocument, which records each attempt.
  return twilio(options.accountSid, options.authToken, { httpClient });
}

class OriginRequestClient extends twilio.RequestClient {
  constructor(
    private readonly origin: string,
    timeoutMs = 30_000,
  ) {
    super({ timeout: timeoutMs });
  }

  override request<TData>(opts: Parameters<twilio.RequestClient['request']>[0] & { data?: TData }) {
    const url = new URL(opts.uri);
    return super.request({ ...opts, uri: new URL(url.pathname + url.search, this.origin).toString() });
  }
}
