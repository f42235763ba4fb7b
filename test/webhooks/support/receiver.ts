import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: string;
  headers: IncomingHttpHeaders;
  at: number;
}

/**
 * A real HTTP receiver for outbound webhooks on a loopback port that stays the same across stop() and
 * start(), so a subscription's URL works again once it is back. `answer` decides the status per request.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer: (received: Received) => number = () => 204;
  private server?: Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/folio-events`;
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received = { body: Buffer.concat(chunks).toString('utf8'), headers: request.headers, at: Date.now() };
        this.received.push(received);
        response.writeHead(this.answer(received)).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Down: the port refuses connections until start() again. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
