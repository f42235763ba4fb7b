import express, { type NextFunction, type Request, type Response } from 'express';
import { oauthTokenHandler, type Credentials } from '../auth/oauth-route.ts';
import { requireBearer } from '../auth/require-bearer.ts';
import type { TokenStore } from '../auth/tokens.ts';
import type { Orchestrator } from '../events/orchestrator.ts';
import type { Faults } from '../faults.ts';
import type { GraphqlExecutor } from '../graphql/executor.ts';
import { eventRoutes } from './event-routes.ts';
import { graphqlHandler } from './graphql-route.ts';

export interface AppDeps {
  accountId: string;
  retailerId: string;
  credentials: Credentials;
  tokens: TokenStore;
  executor: GraphqlExecutor;
  orchestrator: Orchestrator;
  /** Injected faults for chaos tests (faults.ts); absent: none. */
  faults?: Faults;
}

/** The emulator's HTTP surface: OAuth in the open, everything else behind a bearer token. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.post('/oauth/token', express.urlencoded({ extended: false }), oauthTokenHandler(deps.tokens, deps.credentials, deps));
  app.use(requireBearer(deps.tokens));
  app.use(express.json({ limit: '10mb' }));
  const pass: express.RequestHandler = (_req, _res, next) => next();
  app.post('/graphql', deps.faults?.middleware('graphql') ?? pass, graphqlHandler(deps.executor));
  app.use('/api/v4.1/event', deps.faults?.middleware('events') ?? pass, eventRoutes(deps.orchestrator, { accountId: deps.accountId, username: deps.credentials.username }));
  app.use((req: Request, res: Response) => {
    res.status(404).json({ message: `No route for ${req.method} ${req.path}` });
  });
  // Malformed JSON and other request errors come back as JSON with their status, not an HTML page.
  app.use((error: { status?: number; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(error.status ?? 500).json({ message: error.message ?? 'Internal error' });
  });
  return app;
}
