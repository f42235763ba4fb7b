import { describe, expect, it } from 'vitest';
import { PRESERVE_EVENT_DETAILS, WEBHOOK_RETRY_METHOD_SETTING } from '../../connector/fluent/contract.ts';
import { folioPartsFor } from '../../connector/install/folio-parts.ts';
import { mergeIntoWorkflow } from '../../connector/install/merge-workflow.ts';
import { stampedContent } from '../../connector/install/stamp-bundle.ts';
import { fluentWorkflowSchema, workflowSchema, type Ruleset } from '../../connector/install/workflow-schema.ts';
import { appeasementBilling, homeDeliveryOrder, invoicingBilling, minimalBilling } from './fixtures/retailer-workflows.ts';

const folioInvoiceCreate: Ruleset = {
  name: 'CREATE',
  type: 'INVOICE',
  eventType: 'NORMAL',
  rules: [{ name: 'ACME.core.SendWebhook', props: { setting: 'folio.webhook' } }],
  triggers: [{ status: 'CREATED' }],
  userActions: [],
};
const folioGenerated: Ruleset = { ...folioInvoiceCreate, name: 'FolioDocumentGenerated', rules: [{ name: 'ACME.folio.ApplyDocumentUpdate', props: {} }], triggers: [{ status: 'DOCUMENT_REQUESTED' }] };
const ours = {
  rulesets: [folioInvoiceCreate, folioGenerated],
  statuses: [
    { name: 'CREATED', entityType: 'INVOICE', category: 'BOOKING' },
    { name: 'DOCUMENT_REQUESTED', entityType: 'INVOICE', category: 'BOOKING' },
  ],
};

describe('merging Folio into a retailer workflow', () => {
  it.each([
    ['a minimal billing workflow', minimalBilling],
    ['a billing workflow with its own invoice rulesets', invoicingBilling],
    ['an order workflow', homeDeliveryOrder],
  ])('adds rulesets and statuses to %s without touching theirs', (_name, theirs) => {
    const result = mergeIntoWorkflow(theirs, ours);
    if (!result.ok) throw new Error(result.conflicts.map((c) => c.diff).join('\n'));
    const merged = result.workflow;
    expect(merged.rulesets.slice(0, theirs.rulesets.length)).toEqual(theirs.rulesets);
    expect(merged.rulesets.map((r) => `${r.type}/${r.name}`)).toEqual(expect.arrayContaining(['INVOICE/CREATE', 'INVOICE/FolioDocumentGenerated']));
    expect(merged.statuses.filter((s) => s.entityType === 'INVOICE' && s.name === 'CREATED')).toHaveLength(1);
    expect(merged.settings).toEqual(theirs.settings);
    const [major, minor] = theirs.version.split('.').map(Number);
    expect(merged.version).toBe(`${major}.${(minor ?? 0) + 1}`);
    expect(workflowSchema.safeParse(merged).success).toBe(true);
  });

  it('is idempotent: merging into an already merged workflow changes nothing', () => {
    const once = mergeIntoWorkflow(invoicingBilling, ours);
    if (!once.ok) throw new Error('first merge conflicted');
    const twice = mergeIntoWorkflow(once.workflow, ours);
    expect(twice).toMatchObject({ ok: true, added: [], unchanged: ['INVOICE/CREATE', 'INVOICE/FolioDocumentGenerated'] });
    if (twice.ok) expect(twice.workflow).toBe(once.workflow);
  });

  it('refuses a ruleset the retailer already has with other rules, showing a readable diff', () => {
    const theirs = { ...invoicingBilling, rulesets: [...invoicingBilling.rulesets, { ...folioInvoiceCreate, rules: [{ name: 'ACME.billing.PostToErp', props: {} }] }] };
    const result = mergeIntoWorkflow(theirs, ours);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]?.ruleset).toBe('INVOICE/CREATE');
    expect(result.conflicts[0]?.diff).toContain('-      "name": "ACME.billing.PostToErp",');
    expect(result.conflicts[0]?.diff).toContain('+      "name": "ACME.core.SendWebhook",');
  });

  it('refuses a workflow setting of theirs that Folio would change', () => {
    const result = mergeIntoWorkflow(invoicingBilling, { ...ours, settings: { 'fc.rubix.sdk.webhook.retry.schedule': 'default' } });
    expect(result).toMatchObject({ ok: false, conflicts: [{ ruleset: 'setting fc.rubix.sdk.webhook.retry.schedule' }] });
  });

  it("carries Folio's webhook retry method into their workflow beside their own settings, and stamp keeps it", () => {
    const [stamped] = stampedContent({ accountId: 'ACME', retailerId: '1', webhookUrl: 'https://folio.acme.example/fluent/webhook', requestOn: 'create' }).workflows;
    expect(stamped?.settings[WEBHOOK_RETRY_METHOD_SETTING]).toBe(PRESERVE_EVENT_DETAILS);
    const result = mergeIntoWorkflow(appeasementBilling, folioPartsFor(appeasementBilling, 'ACME')!);
    if (!result.ok) throw new Error(result.conflicts.map((c) => c.diff).join('\n'));
    expect(result.workflow.settings).toEqual({ ...appeasementBilling.settings, [WEBHOOK_RETRY_METHOD_SETTING]: PRESERVE_EVENT_DETAILS });
  });

  it('refuses to override a retry method the retailer set differently', () => {
    const theirs = { ...appeasementBilling, settings: { [WEBHOOK_RETRY_METHOD_SETTING]: 'standard' } };
    const result = mergeIntoWorkflow(theirs, folioPartsFor(theirs, 'ACME')!);
    expect(result).toMatchObject({ ok: false, conflicts: [{ ruleset: `setting ${WEBHOOK_RETRY_METHOD_SETTING}` }] });
    if (!result.ok) expect(result.conflicts[0]?.diff).toContain(`+"${PRESERVE_EVENT_DETAILS}"`);
  });
});

describe('a workflow as Fluent returns it', () => {
  it('reads "version": "1" and null texts (as in Fluent\'s published examples) and merges with a minor bump', () => {
    const raw = { ...minimalBilling, version: '1', versionComment: null, description: null, id: null, createdOn: '2021-12-07T12:03:56.400+0000' };
    expect(workflowSchema.safeParse(raw).success).toBe(false);
    const theirs = fluentWorkflowSchema.parse(raw);
    expect(theirs).toMatchObject({ version: '1.0', id: null, createdOn: '2021-12-07T12:03:56.400+0000' });
    expect(theirs).not.toHaveProperty('versionComment');
    const result = mergeIntoWorkflow(theirs, ours);
    expect(result.ok && result.workflow.version).toBe('1.1');
  });
});
