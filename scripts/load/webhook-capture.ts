import { createServer, type Server } from 'node:http';

/** A signed webhook as Fluent sent it: the exact bytes and headers, to be delivered again at will. */
export interface CapturedWebhook {
  body: string;
  headers: Record<string, string>;
  event: { id: string; entityRef?: string };
}

/**
 * A stand-in receiver that acknowledges webhooks and keeps them, so a test can deliver the very same
 * signed request to the connector as often and as concurrently as it likes.
 */
export async function startWebhookCapture(): Promise<{ url: string; captured: CapturedWebhook[]; close(): Promise<void> }> {
  const captured: CapturedWebhook[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && (name === 'content-type' || name.includes('signature'))) headers[name] = value;
      }
      captured.push({ body, headers, event: JSON.parse(body) as CapturedWebhook['event'] });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/capture`,
    captured,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Posts a captured webhook to a receiver; answers the HTTP status and the JSON body. */
export async function redeliver(url: string, webhook: CapturedWebhook): Promise<{ status: number; body: { status?: string } }> {
  const response = await fetch(url, { method: 'POST', headers: webhook.headers, body: webhook.body });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as { status?: string } };
}
