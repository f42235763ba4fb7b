import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string;
  contentType: string;
  /** The form body; repeated fields (MediaUrl) keep every value. */
  form: URLSearchParams;
  /** What the wire answered: 201 means Twilio would have sent the message. */
  status?: number;
  /** Which TCP connection it came on (1, 2, … in the order the wire accepted them). */
  connection: number;
}

export interface TwilioWire {
  origin: string;
  requests: RecordedRequest[];
  /** Answers the next Messages request with a Twilio error document instead of creating a message. */
  failNext(status: number, code: number, message: string): void;
  /** Takes the next Messages request and never answers it (the message counts as created). */
  hangNext(): void;
  /** Requests whose body is still arriving: bytes so far against their Content-Length. */
  arriving(): { received: number; contentLength: number }[];
  /** Requests cut short before their whole body arrived: no message was created for them. */
  readonly cutShort: number;
  close(): Promise<void>;
}

/**
 * Speaks Twilio's REST wire format for the Messages API, as far as Folio uses it; over TLS when given a
 * key and certificate, as api.twilio.com does. A message is created only from a whole body.
 */
export async function startTwilioWire(options: { tls?: { key: string; cert: string } } = {}): Promise<TwilioWire> {
  const requests: RecordedRequest[] = [];
  const failures: { status: number; code: number; message: string }[] = [];
  const arriving = new Set<{ received: number; contentLength: number }>();
  let counter = 0;
  let hang = false;
  let cutShort = 0;
  const connections = new WeakMap<object, number>();
  let connectionCount = 0;
  const connectionOf = (socket: object) => connections.get(socket) ?? (connections.set(socket, ++connectionCount), connectionCount);

  const listener: RequestListener = async (request, response) => {
    const progress = { received: 0, contentLength: Number(request.headers['content-length'] ?? 0) };
    arriving.add(progress);
    const body = await readBody(request, progress).finally(() => arriving.delete(progress));
    if (body === undefined) return void (cutShort += 1);
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization ?? '',
      contentType: request.headers['content-type'] ?? '',
      connection: connectionOf(request.socket),
      form: new URLSearchParams(body),
    };
    requests.push(recorded);
    const match = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/.exec(recorded.path);
    const reply = (status: number, payload: unknown) => {
      recorded.status = status;
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(payload));
    };
    if (request.method !== 'POST' || !match) return reply(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    const failure = failures.shift();
    if (failure) return reply(failure.status, { code: failure.code, message: failure.message, more_info: `https://www.twilio.com/docs/errors/${failure.code}`, status: failure.status });
    counter += 1;
    if (hang) {
      hang = false;
      recorded.status = 201;
      return;
    }
    reply(201, {
      sid: `SM${String(counter).padStart(32, '0')}`,
      account_sid: match[1],
      to: recorded.form.get('To'),
      from: recorded.form.get('From'),
      body: recorded.form.get('Body'),
      status: 'queued',
      num_media: String(recorded.form.getAll('MediaUrl').length),
      direction: 'outbound-api',
      api_version: '2010-04-01',
      date_created: new Date().toUTCString(),
      uri: `${recorded.path.replace('.json', '')}/SM${counter}.json`,
    });
  };
  const server: Server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    failNext: (status, code, message) => void failures.push({ status, code, message }),
    hangNext: () => void (hang = true),
    arriving: () => [...arriving].map((progress) => ({ ...progress })),
    get cutShort() {
      return cutShort;
    },
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The whole body, or undefined when the client went away before sending all of it. */
async function readBody(request: IncomingMessage, progress: { received: number }): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of request) {
      chunks.push(chunk as Buffer);
      progress.received += (chunk as Buffer).length;
    }
  } catch {
    return undefined;
  }
  return request.complete ? Buffer.concat(chunks).toString('utf8') : undefined;
}
