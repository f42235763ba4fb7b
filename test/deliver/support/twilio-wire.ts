import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string;
  contentType: string;
  /** The form body; repeated fields (MediaUrl) keep every value. */
  form: URLSearchParams;
  /** What the wire answered: 201 means Twilio would have sent the message. */
  status?: number;
}

export interface TwilioWire {
  origin: string;
  requests: RecordedRequest[];
  /** Answers the next Messages request with a Twilio error document instead of creating a message. */
  failNext(status: number, code: number, message: string): void;
  /** Takes the next Messages request and never answers it (the message counts as created). */
  hangNext(): void;
  close(): Promise<void>;
}

/** Speaks Twilio's REST wire format for the Messages API, as far as Folio uses it. */
export async function startTwilioWire(): Promise<TwilioWire> {
  const requests: RecordedRequest[] = [];
  const failures: { status: number; code: number; message: string }[] = [];
  let counter = 0;
  let hang = false;

  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      path: request.url ?? '',
      authorization: request.headers.authorization ?? '',
      contentType: request.headers['content-type'] ?? '',
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
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    failNext: (status, code, message) => void failures.push({ status, code, message }),
    hangNext: () => void (hang = true),
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
