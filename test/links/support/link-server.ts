import express from 'express';
import type { Server } from 'node:http';
import type { DocumentRoutesOptions } from '../../../connector/links/document-routes.ts';
import { createDocumentRoutes } from '../../../connector/links/document-routes.ts';

export interface LinkServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** The document routes on a real HTTP server on a free loopback port. */
export async function startLinkServer(options: DocumentRoutesOptions): Promise<LinkServer> {
  const app = express();
  app.use(createDocumentRoutes(options));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
