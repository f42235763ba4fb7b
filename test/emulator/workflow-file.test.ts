import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_FAILED_EVENT,
  DOCUMENT_GENERATED_EVENT,
  DOCUMENT_RETRY_EVENT,
  STATUS,
  WEBHOOK_SETTING_NAME,
} from '../../connector/fluent/contract.ts';
import { workflowSchema } from '../../connector/install/workflow-schema.ts';
import { loadRuleRegistry } from '../../scripts/emulator/rules/registry.ts';

const text = readFileSync(new URL('../../workflows/BILLING_ACCOUNT-CUSTOMER.json', import.meta.url), 'utf8');
const workflow = workflowSchema.parse(JSON.parse(text));
const ruleset = (type: string, name: string) => workflow.rulesets.find((r) => r.type === type && r.name === name);

describe('workflows/BILLING_ACCOUNT-CUSTOMER.json', () => {
  it('is a BILLING_ACCOUNT::CUSTOMER workflow with retailer and account placeholders', () => {
    // The version is workflows/CHANGELOG.md's business; only its format is checked (by the schema).
    expect(workflow).toMatchObject({ retailerId: '[[retailer.id]]', entityType: 'BILLING_ACCOUNT', entitySubtype: 'CUSTOMER', name: 'BILLING_ACCOUNT::CUSTOMER' });
    for (const r of workflow.rulesets) for (const { name } of r.rules) expect(name).toMatch(/^\[\[account\.id\]\]\./);
  });

  it('declares every status its rulesets use, under contract.ts names', () => {
    const statuses = workflow.statuses.map((s) => `${s.entityType}/${s.name}`);
    expect(statuses).toEqual(expect.arrayContaining(['BILLING_ACCOUNT/CREATED', 'BILLING_ACCOUNT/ACTIVE', 'INVOICE/CREATED', ...Object.values(STATUS).map((s) => `INVOICE/${s}`)]));
    for (const r of workflow.rulesets) {
      for (const trigger of r.triggers) expect(statuses).toContain(`${r.type}/${trigger.status}`);
      for (const rule of r.rules) if (rule.name.endsWith('.core.SetState')) expect(statuses).toContain(`${r.type}/${String(rule.props.status)}`);
    }
  });

  it('wires the invoice document flow with the contract’s event and setting names', () => {
    const steps = (type: string, name: string) => ruleset(type, name)?.rules.map((r) => `${r.name.replace('[[account.id]].', '')}${JSON.stringify(r.props)}`);
    expect(steps('BILLING_ACCOUNT', 'CREATE')).toEqual(['core.SetState{"status":"ACTIVE"}']);
    expect(steps('INVOICE', 'CREATE')).toEqual([`core.SendWebhook{"setting":"${WEBHOOK_SETTING_NAME}"}`, `core.SetState{"status":"${STATUS.requested}"}`]);
    expect(steps('INVOICE', DOCUMENT_GENERATED_EVENT)).toEqual(['folio.ApplyDocumentUpdate{}', `core.SetState{"status":"${STATUS.generated}"}`]);
    expect(steps('INVOICE', DOCUMENT_FAILED_EVENT)).toEqual(['folio.ApplyDocumentUpdate{}', `core.SetState{"status":"${STATUS.failed}"}`]);
    expect(steps('INVOICE', DOCUMENT_RETRY_EVENT)).toEqual([`core.SendWebhook{"setting":"${WEBHOOK_SETTING_NAME}"}`, `core.SetState{"status":"${STATUS.requested}"}`]);
    expect(ruleset('INVOICE', 'CREATE')?.triggers).toEqual([{ status: 'CREATED' }]);
    // CREATED too: a backfilled entity (folio backfill) gets its links from the status it was left in.
    expect(ruleset('INVOICE', DOCUMENT_GENERATED_EVENT)?.triggers.map((t) => t.status).sort()).toEqual(['CREATED', STATUS.failed, STATUS.generated, STATUS.requested].sort());
    expect(ruleset('INVOICE', DOCUMENT_FAILED_EVENT)?.triggers.map((t) => t.status).sort()).toEqual(['CREATED', STATUS.requested].sort());
  });

  it('lets a request or a retry unstick an entity left DOCUMENT_REQUESTED (its webhook never arrived)', () => {
    for (const type of ['INVOICE', 'CREDIT_MEMO', 'PAYMENT'])
      for (const name of ['FolioRequestDocument', DOCUMENT_RETRY_EVENT]) expect(ruleset(type, name)?.triggers, `${type} ${name}`).toContainEqual({ status: STATUS.requested });
    expect(ruleset('INVOICE', DOCUMENT_RETRY_EVENT)?.triggers.map((t) => t.status).sort()).toEqual([STATUS.failed, STATUS.requested].sort());
  });

  it('gives agents a Retry button for failed documents', () => {
    expect(ruleset('INVOICE', DOCUMENT_RETRY_EVENT)?.userActions).toEqual([
      expect.objectContaining({ eventName: DOCUMENT_RETRY_EVENT, context: [expect.objectContaining({ type: 'PRIMARY', label: expect.any(String) })] }),
    ]);
  });

  it('uses only rules the emulator has installed', async () => {
    const registry = await loadRuleRegistry();
    for (const r of workflow.rulesets) for (const { name } of r.rules) expect(registry.has(name.replace('[[account.id]].', '')), name).toBe(true);
  });
});
