import { DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_PATH } from '../fluent/contract.ts';
import type { Ruleset, Workflow, WorkflowFragment } from './workflow-schema.ts';

/** The reference modules' placeholder for the account in rule names (REFERENCE.md §5). */
export const ACCOUNT_PLACEHOLDER = '[[account.id]]';

/**
 * INFERRED: Fluent account ids are upper-case letters, digits and underscores (ACME, HOLGER, FCTEST);
 * they prefix rule names (`ACME.folio.SendDocumentWebhook`), so a dot or space would break every rule.
 */
export const ACCOUNT_ID_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;
export const RETAILER_ID_PATTERN = /^[1-9][0-9]{0,9}$/;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** How a retailer wants documents requested: on creation (Folio's CREATE rulesets) or by their own event. */
export type RequestOn = 'create' | 'event';

export interface StampOptions {
  accountId: string;
  retailerId: string;
  /** The connector's webhook URL, e.g. https://folio.example.com/fluent/webhook. */
  webhookUrl: string;
  requestOn: RequestOn;
}

export function checkAccountId(value: string): string {
  if (ACCOUNT_ID_PATTERN.test(value)) return value;
  const hint = ACCOUNT_ID_PATTERN.test(value.toUpperCase()) ? ` (did you mean ${value.toUpperCase()}?)` : '';
  throw new Error(`account id "${value}" is not a Fluent account id: upper-case letters, digits and _ , starting with a letter${hint}`);
}

export function checkRetailerId(value: string): string {
  if (RETAILER_ID_PATTERN.test(value)) return value;
  throw new Error(`retailer id "${value}" is not a Fluent retailer id (a positive whole number, e.g. 1)`);
}

/**
 * The connector's public URL → its webhook URL. Fluent posts webhooks over HTTPS on port 443 (or 80)
 * only (REFERENCE.md §1.1), so anything else would never be called; plain http is for a local emulator.
 */
export function webhookUrlFor(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(`endpoint "${endpoint}" is not a URL; give the connector's public base URL, e.g. https://folio.example.com`);
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new Error(`endpoint "${endpoint}" must use https:// (http:// is accepted only for localhost)`);
  }
  if (!local && url.port !== '') throw new Error(`endpoint "${endpoint}" uses port ${url.port}; Fluent only calls webhooks on ports 443 and 80`);
  if (url.username || url.password) throw new Error(`endpoint "${endpoint}" must not carry credentials; Fluent signs its webhooks instead`);
  if (url.search || url.hash) throw new Error(`endpoint "${endpoint}" must not have a query string or fragment`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith(WEBHOOK_PATH) ? path : `${path}${WEBHOOK_PATH}`}`;
}

const stampRule = (accountId: string) => (rule: Ruleset['rules'][number]) => ({ ...rule, name: rule.name.replaceAll(ACCOUNT_PLACEHOLDER, accountId) });

export function stampRulesets(rulesets: readonly Ruleset[], accountId: string): Ruleset[] {
  return rulesets.map((ruleset) => ({ ...ruleset, rules: ruleset.rules.map(stampRule(accountId)) }));
}

const isRequestRule = (rule: { name: string; props: Record<string, unknown> }) =>
  /\.(core\.SendWebhook|folio\.SendDocumentWebhook)$/.test(rule.name) ||
  (/\.core\.SetState$/.test(rule.name) && rule.props.status === STATUS.requested);

/**
 * For retailers who request documents on their own business event: the sub-entities' CREATE rulesets
 * keep existing (Fluent needs them) but no longer ask for the document, so the entity stays CREATED
 * until the retailer's rules send FolioRequestDocument.
 */
export function withoutRequestOnCreate(rulesets: readonly Ruleset[], rootType: string): Ruleset[] {
  return rulesets.map((ruleset) =>
    ruleset.name === 'CREATE' && ruleset.type !== rootType ? { ...ruleset, rules: ruleset.rules.filter((rule) => !isRequestRule(rule)) } : ruleset,
  );
}

/** How a stamped workflow was stamped: with `event`, no sub-entity CREATE ruleset asks for a document. */
export function requestOnOf(workflow: Workflow): RequestOn {
  const asEvent = withoutRequestOnCreate(workflow.rulesets, workflow.entityType);
  return JSON.stringify(asEvent) === JSON.stringify(workflow.rulesets) ? 'event' : 'create';
}

export function stampWorkflow(workflow: Workflow, options: StampOptions): Workflow {
  const rulesets = stampRulesets(workflow.rulesets, options.accountId);
  return {
    ...workflow,
    retailerId: options.retailerId,
    rulesets: options.requestOn === 'event' ? withoutRequestOnCreate(rulesets, workflow.entityType) : rulesets,
  };
}

/** The platform's initial status of every orchestrated entity ("By default, the initial value will be CREATED"). */
const INITIAL_STATUS = 'CREATED';

/**
 * A fragment cannot know the retailer's statuses, so its user-action rulesets (FolioRetryDocument,
 * "Regenerate …") ship with `triggers: []`, which Fluent reads as every status. Merged into a workflow,
 * they trigger on that workflow's statuses of their entity type except the initial CREATED, where no
 * document has been asked for yet, so the action shows only where a document can exist. Rulesets that
 * have triggers, or a workflow with no other status for the type, are left as they are.
 */
export function fillUserActionTriggers(rulesets: readonly Ruleset[], statuses: Workflow['statuses']): Ruleset[] {
  return rulesets.map((ruleset) => {
    if (ruleset.userActions.length === 0 || ruleset.triggers.length > 0) return ruleset;
    const names = [...new Set(statuses.filter((s) => s.entityType === ruleset.type && s.name !== INITIAL_STATUS).map((s) => s.name))];
    return names.length === 0 ? ruleset : { ...ruleset, triggers: names.map((status) => ({ status })) };
  });
}

export function stampFragment(fragment: WorkflowFragment, options: Pick<StampOptions, 'accountId'>): WorkflowFragment {
  return { ...fragment, rulesets: stampRulesets(fragment.rulesets, options.accountId) };
}

/** The JSON setting both core.SendWebhook and folio.SendDocumentWebhook read (REFERENCE.md §1.1). */
export function webhookSettingValue(webhookUrl: string): { name: string; url: string } {
  return { name: DOCUMENT_REQUESTED_EVENT, url: webhookUrl };
}
