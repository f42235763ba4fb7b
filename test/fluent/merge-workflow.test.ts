import { describe, expect, it } from 'vitest';
import { mergeIntoWorkflow } from '../../connector/fluent/merge-workflow.ts';
import { workflowSchema, type Ruleset } from '../../connector/fluent/workflow-schema.ts';
import { homeDeliveryOrder, invoicingBilling, minimalBilling } from './fixtures/retailer-workflows.ts';

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
});
