import express from 'express';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditTrail } from '../../connector/audit/audit-trail.ts';
import { apiKeysPages, webhookPages } from '../../connector/console/config-pages.ts';
import { createConsoleRouter } from '../../connector/console/console-routes.ts';
import type { Operator } from '../../connector/console/roles.ts';
import { createConsoleSessions } from '../../connector/console/session.ts';
import type { DocumentStore } from '../../connector/core/ports/document-store.ts';
import type { Database } from '../../connector/db/database.ts';
import { createLinkRevocations } from '../../connector/links/revocations.ts';
import { createJobQueue } from '../../connector/queue/create-job-queue.ts';
import { createLocalFileStore } from '../../connector/store/local-file-store.ts';

const SECRET = 'console-session-secret-for-tests-0123456789';

/**
 * The console's router alone over a database (no Fluent, no workers), on loopback, and signed-in
 * sessions for any operator: made by the console's own session code with the secret it was given.
 */
export interface ConsoleApp {
  url: string;
  store: DocumentStore;
  /** Cookie header and CSRF token of a session for this operator. */
  sessionFor(operator: Operator): { cookie: string; csrf: string };
  get(path: string, operator: Operator): Promise<Response>;
  post(path: string, operator: Operator, form: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startConsoleApp(db: Database, options: { adminToken?: string } = {}): Promise<ConsoleApp> {
  const store = createLocalFileStore({ root: mkdtempSync(join(tmpdir(), 'folio-console-')) });
  const queue = createJobQueue(db);
  const app = express();
  app.use(createConsoleRouter({ db, store, queue, audit: createAuditTrail(db), revocations: createLinkRevocations(db), sessionSecret: SECRET, secureCookies: false, ...options, extensions: [apiKeysPages(db), webhookPages(db)] }));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const sessions = createConsoleSessions(SECRET, { secure: false });
  const sessionFor = (operator: Operator) => {
    const cookie = sessions.start(operator).split(';')[0]!;
    return { cookie, csrf: sessions.read(cookie)!.csrf };
  };
  return {
    url,
    store,
    sessionFor,
    get: (path, operator) => fetch(`${url}${path}`, { headers: { cookie: sessionFor(operator).cookie }, redirect: 'manual' }),
    post: (path, operator, form) => {
      const { cookie, csrf } = sessionFor(operator);
      return fetch(`${url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, ...form }), redirect: 'manual' });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.stop();
    },
  };
}
