import type { ServerResponse } from 'node:http';

/** An RFC 9457 problem answer; works on a bare node response as well as an Express one. */
export function problem(response: ServerResponse, status: number, title: string, detail: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/problem+json');
  response.end(JSON.stringify({ status, title, detail }));
}
