import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES } from '../../connector/core/document-model.ts';
import { DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT, DOCUMENT_RETRY_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { FRAGMENTS_SUBDIR, readFragmentFiles, readWorkflowFiles, WORKFLOWS_DIR } from '../../connector/install/folio-files.ts';
import { ACCOUNT_PLACEHOLDER } from '../../connector/install/stamp.ts';
import type { Ruleset } from '../../connector/install/workflow-schema.ts';
import { loadRuleRegistry } from '../../scripts/emulator/rules/registry.ts';

const workflows = readWorkflowFiles();
const fragments = readFragmentFiles();
const allRulesets: { file: string; ruleset: Ruleset }[] = [
  ...workflows.flatMap(({ file, workflow }) => workflow.rulesets.map((ruleset) => ({ file, ruleset }))),
  ...fragments.flatMap(({ file, fragment }) => fragment.rulesets.map((ruleset) => ({ file, ruleset }))),
];

describe("Folio's workflow files", () => {
  it('all parse with the workflow (or fragment) schema, and there is one of each kind Folio ships', () => {
    // readWorkflowFiles/readFragmentFiles throw, naming the file, on anything that does not validate.
    const jsonFiles = readdirSync(WORKFLOWS_DIR).filter((f) => f.endsWith('.json'));
    expect(workflows.map((w) => w.workflow.name)).toEqual(['BILLING_ACCOUNT::CUSTOMER']);
    expect(jsonFiles).toHaveLength(workflows.length);
    expect(readdirSync(`${WORKFLOWS_DIR}/${FRAGMENTS_SUBDIR}`).filter((f) => f.endsWith('.json'))).toHaveLength(fragments.length);
    expect(fragments.map((f) => `${f.fragment.fragmentOf} ${f.fragment.rulesets[0]?.type}`).sort()).toEqual(['ORDER::* FULFILMENT', 'ORDER::* ORDER', 'RETURN_ORDER::* RETURN_ORDER']);
  });

  it("names only rules the emulator's registry knows, always with the account placeholder", async () => {
    const registry = await loadRuleRegistry();
    const names = new Set(allRulesets.flatMap(({ ruleset }) => ruleset.rules.map((r) => r.name)));
    for (const name of names) {
      expect(name.startsWith(`${ACCOUNT_PLACEHOLDER}.`), name).toBe(true);
      expect(registry.has(name.slice(ACCOUNT_PLACEHOLDER.length + 1)), `${name} is not in scripts/emulator/rules/registry.ts`).toBe(true);
    }
  });

  it('uses the contract: event names, statuses, the webhook setting and the connector document types', () => {
    const rulesetNames = new Set(['CREATE', 'FolioRequestDocument', DOCUMENT_GENERATED_EVENT, DOCUMENT_FAILED_EVENT, DOCUMENT_RETRY_EVENT]);
    const statuses = new Set<string>(['CREATED', 'ACTIVE', ...Object.values(STATUS)]);
    const documentTypes = new Set(DOCUMENT_TYPES.map((t) => t.toUpperCase()));
    for (const { file, ruleset } of allRulesets) {
      const where = `${file} ${ruleset.type}/${ruleset.name}`;
      expect(rulesetNames.has(ruleset.name), where).toBe(true);
      for (const trigger of ruleset.triggers) expect(statuses.has(trigger.status), where).toBe(true);
      for (const rule of ruleset.rules) {
        if ('setting' in rule.props) expect(rule.props.setting, where).toBe(WEBHOOK_SETTING_NAME);
        if ('documentType' in rule.props) expect(documentTypes.has(String(rule.props.documentType)), where).toBe(true);
        if (rule.name.endsWith('.core.SetState')) expect(statuses.has(String(rule.props.status)), where).toBe(true);
      }
      for (const action of ruleset.userActions) expect(action.eventName, where).toBe(DOCUMENT_RETRY_EVENT);
      expect(ruleset.userActions.length > 0, where).toBe(ruleset.name === DOCUMENT_RETRY_EVENT);
    }
    for (const { workflow } of workflows) for (const status of workflow.statuses) expect(statuses.has(status.name), status.name).toBe(true);
  });

  it('gives every billing document entity the full life cycle: request, apply, fail, retry, and its statuses', () => {
    const [{ workflow }] = workflows as [(typeof workflows)[number]];
    for (const type of ['INVOICE', 'CREDIT_MEMO', 'PAYMENT']) {
      const names = workflow.rulesets.filter((r) => r.type === type).map((r) => r.name).sort();
      expect(names, type).toEqual(['CREATE', DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT, 'FolioRequestDocument', DOCUMENT_RETRY_EVENT].sort());
      const own = workflow.statuses.filter((s) => s.entityType === type).map((s) => s.name).sort();
      expect(own, type).toEqual(['CREATED', STATUS.failed, STATUS.generated, STATUS.requested].sort());
      const retry = workflow.rulesets.find((r) => r.type === type && r.name === DOCUMENT_RETRY_EVENT);
      // Failed documents, and requests stuck in DOCUMENT_REQUESTED (issue 14), can be asked for again.
      expect(retry?.triggers).toEqual([{ status: STATUS.failed }, { status: STATUS.requested }]);
    }
  });

  it('fragments leave the status of orders, fulfilments and returns to the retailer', () => {
    for (const { file, fragment } of fragments) {
      expect(fragment.statuses, file).toEqual([]);
      for (const ruleset of fragment.rulesets) {
        expect(ruleset.triggers, `${file} ${ruleset.name}`).toEqual([]);
        expect(ruleset.rules.some((r) => r.name.endsWith('.core.SetState')), `${file} ${ruleset.name}`).toBe(false);
      }
    }
  });
});
