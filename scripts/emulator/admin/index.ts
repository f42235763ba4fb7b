import express, { Router } from 'express';
import { requireBearer } from '../auth/require-bearer.ts';
import type { TokenStore } from '../auth/tokens.ts';
import type { RuleRegistry } from '../rules/registry.ts';
import type { Workflow } from '../workflow/workflow-file.ts';
import { installedRuleNames } from './installed-rules.ts';
import { PluginBundles } from './plugin-bundles.ts';
import { pluginRoutes } from './plugin-routes.ts';
import { workflowRoutes } from './workflow-routes.ts';

export interface AdminDeps {
  accountId: string;
  tokens: TokenStore;
  registry: RuleRegistry;
  /** The orchestrator's live workflow list; PUT /api/v4.1/workflow replaces entries in it. */
  workflows: Workflow[];
  /** How long a plugin install stays INSTALLING before it is ACTIVE; default 300 ms. */
  pluginInstallDelayMs?: number;
}

const PATHS = ['/api/v4.1/workflow', '/orchestration/rest/v1/plugin'];

/**
 * Fluent's administration REST APIs for the implementer CLI: workflows and rule plugins. Mounted in
 * front of the emulator's app; it answers only under its own paths and needs a bearer token there.
 */
export function createAdminRouter(deps: AdminDeps): Router {
  const bundles = new PluginBundles(deps.accountId, deps.pluginInstallDelayMs ?? 300);
  const installedRules = () => installedRuleNames(deps.accountId, deps.registry, bundles);
  const router = Router();
  router.use(PATHS, requireBearer(deps.tokens));
  router.use('/api/v4.1/workflow', express.json({ limit: '10mb' }));
  router.use(workflowRoutes({ workflows: deps.workflows, installedRules }));
  router.use(pluginRoutes(bundles, installedRules));
  return router;
}
