import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  body: string;
  headers: IncomingHttpHeaders;
  at: number;
}

/**
 * A real HTTP receiver for outbound webhooks on a loopback port that stays the same across stop() and
 * start(), so a subscription's URL works again once it is back, and that nothing else takes meanwhile. `answer` decides the status per request.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer: (received: Received) => number | 'never' = () => 204;
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
        const status = this.answer(received);
        if (status !== 'never') response.writeHead(status).end();
      });
    });
    for (let tries = 0; ; tries++) {
      // A port below the kernel's ephemeral range (Linux 32768–60999, macOS 49152–65535): while this
      // receiver is down, no other server asking for port 0 can be given it and answer in its place.
      const port = this.port || 20_000 + Math.floor(Math.random() * 12_000);
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, '127.0.0.1', () => resolve());
        });
        break;
      } catch (error) {
        if (this.port || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || tries >= 50) throw error;
      }
    }
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
