import { Router, type Request, type Response } from 'express';
import { WORKFLOW_NOT_FOUND_STATUS } from '../../../connector/fluent/contract.ts';
import { workflowSchema, type Workflow } from '../../../connector/install/workflow-schema.ts';

export interface WorkflowRouteDeps {
  /** The very array the orchestrator runs from: a PUT replaces the entry in place, so the next event uses it. */
  workflows: Workflow[];
  /** Rule names installed for this account right now. */
  installedRules(): Set<string>;
}

const versionNumber = (version: string) => version.split('.').map(Number) as [number, number];

/**
 * Fluent keeps every version and bumps the minor one on each successful update (REFERENCE.md §5): the
 * stored version is the sent one when it is newer, else the latest plus one minor step.
 */
function nextVersion(sent: string, latest: string | undefined): string {
  if (!latest) return sent;
  const [sentMajor, sentMinor] = versionNumber(sent);
  const [major, minor] = versionNumber(latest);
  if (sentMajor > major || (sentMajor === major && sentMinor > minor)) return sent;
  return `${major}.${minor + 1}`;
}

/** Fluent's workflow REST API (REFERENCE.md §5): PUT /api/v4.1/workflow, GET /api/v4.1/workflow/{retailerId}/{name}. */
export function workflowRoutes(deps: WorkflowRouteDeps): Router {
  const router = Router();

  router.put('/api/v4.1/workflow', (req: Request, res: Response) => {
    const checked = workflowSchema.safeParse(req.body);
    if (!checked.success) {
      res.status(400).json({ message: `Invalid workflow: ${checked.error.issues.map((i) => `${i.path.join('.') || 'workflow'}: ${i.message}`).join('; ')}` });
      return;
    }
    if (!/^\d+$/.test(checked.data.retailerId)) {
      res.status(400).json({ message: `Invalid workflow: retailerId "${checked.data.retailerId}" is not a retailer id (stamp the workflow first)` });
      return;
    }
    const installed = deps.installedRules();
    const missing = [...new Set(checked.data.rulesets.flatMap((r) => r.rules.map((rule) => rule.name)).filter((name) => !installed.has(name)))];
    if (missing.length > 0) {
      res.status(400).json({ message: `Workflow references rules that are not installed: ${missing.join(', ')}`, missingRules: missing });
      return;
    }
    const sent = checked.data;
    const name = sent.name;
    const index = deps.workflows.findIndex((w) => w.retailerId === sent.retailerId && w.name === name);
    const stored: Workflow = { ...sent, version: nextVersion(sent.version, deps.workflows[index]?.version), createdOn: new Date().toISOString() };
    if (index >= 0) deps.workflows[index] = stored;
    else deps.workflows.push(stored);
    res.json({ entityId: `${sent.retailerId}-${name}::${stored.version}`, eventStatus: 'COMPLETE' });
  });

  router.get('/api/v4.1/workflow/:retailerId/:name', (req: Request, res: Response) => {
    const { retailerId, name } = req.params as { retailerId: string; name: string };
    const workflow = deps.workflows.find((w) => w.retailerId === retailerId && w.name === name);
    if (workflow) res.json(workflow);
    // Fluent's Workflow API documents "404 Unable to find Workflow"; the body's shape is INFERRED (contract.ts).
    else res.status(WORKFLOW_NOT_FOUND_STATUS).json({ message: `Unable to find Workflow ${name} for retailer ${retailerId}` });
  });

  return router;
}
