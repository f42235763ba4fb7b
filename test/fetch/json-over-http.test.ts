import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonOverHttp } from '../../connector/fetch/json-over-http.ts';
import { HttpStatusError } from '../../connector/fetch/http-errors.ts';

let server: Server | undefined;
let client: JsonOverHttp | undefined;
const open = new Set<ServerResponse>();

afterEach(async () => {
  for (const response of open) response.destroy();
  open.clear();
  await client?.close().catch(() => undefined);
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = client = undefined;
});

/** A real HTTP server on loopback answering every request with `answer`. */
async function serve(answer: (response: ServerResponse, body: string) => void): Promise<string> {
  server = createServer((request, response) => {
    open.add(response);
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => answer(response, body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`;
}

describe('JSON over HTTP', () => {
  it('posts JSON to the base path and answers the parsed body', async () => {
    const url = await serve((response, body) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ echoed: JSON.parse(body) }));
    });
    client = new JsonOverHttp(url, 2000);
    expect(await client.post('/graphql', { query: '{ a }' }, { authorization: 'Bearer t' })).toEqual({ echoed: { query: '{ a }' } });
  });

  it('throws HttpStatusError with the parsed body for an answer outside 2xx', async () => {
    const url = await serve((response) => {
      response.statusCode = 503;
      response.setHeader('content-type', 'application/json');
      response.end('{"message":"busy"}');
    });
    client = new JsonOverHttp(url, 2000);
    const failure = await client.post('/x', {}, {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpStatusError);
    expect((failure as HttpStatusError).status).toBe(503);
  });

  it('gives up on a request that is never answered, when its deadline passes', async () => {
    const url = await serve(() => undefined);
    client = new JsonOverHttp(url, 300);
    const started = performance.now();
    const failure = await client.post('/x', {}, {}).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('TimeoutError');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('holds the whole request to its deadline, even while the body keeps trickling in', async () => {
    // A byte every 50 ms never trips undici's idle body timeout; the request's own deadline must.
    const url = await serve((response) => {
      response.setHeader('content-type', 'application/json');
      response.write('[');
      const trickle = setInterval(() => (response.destroyed ? clearInterval(trickle) : response.write(' ')), 50);
      response.on('close', () => clearInterval(trickle));
    });
    client = new JsonOverHttp(url, 300);
    const started = performance.now();
    const failure = await client.post('/x', {}, {}).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('TimeoutError');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
