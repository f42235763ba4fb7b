import { describe, expect, it } from 'vitest';
import { DOCUMENT_RETRY_EVENT } from '../../connector/fluent/contract.ts';
import { readFragmentFiles, readWorkflowFiles } from '../../connector/install/folio-files.ts';
import { folioPartsFor } from '../../connector/install/folio-parts.ts';
import { fillUserActionTriggers } from '../../connector/install/stamp.ts';
import { clickAndCollectOrder, homeDeliveryOrder } from './fixtures/retailer-workflows.ts';

const retryOf = (rulesets: { name: string; type: string; triggers: { status: string }[] }[], type: string) =>
  rulesets.find((r) => r.name === DOCUMENT_RETRY_EVENT && r.type === type)!;

describe("the fragments' Regenerate user actions", () => {
  it('ship with no triggers, since a fragment cannot know the retailer’s statuses', () => {
    const withActions = readFragmentFiles().flatMap((f) => f.fragment.rulesets.filter((r) => r.userActions.length > 0));
    expect(withActions.map((r) => `${r.type}/${r.name}`).sort()).toEqual(['FULFILMENT/FolioRetryDocument', 'ORDER/FolioRetryDocument', 'RETURN_ORDER/FolioRetryDocument']);
    for (const ruleset of withActions) expect(ruleset.triggers).toEqual([]);
  });

  it('trigger, once merged, on the target workflow’s statuses of their entity type except CREATED', () => {
    const parts = folioPartsFor(clickAndCollectOrder, 'ACME')!;
    expect(retryOf(parts.rulesets, 'ORDER').triggers).toEqual([{ status: 'BOOKED' }]);
    expect(retryOf(parts.rulesets, 'FULFILMENT').triggers).toEqual([{ status: 'AWAITING_PICK' }]);
    // Rulesets without a user action keep running on every status.
    expect(parts.rulesets.find((r) => r.name === 'FolioDocumentGenerated' && r.type === 'ORDER')?.triggers).toEqual([]);
  });

  it('keep every status when the workflow has no status for their type besides CREATED', () => {
    const parts = folioPartsFor(homeDeliveryOrder, 'ACME')!;
    // ORDER::HD has no FULFILMENT statuses: the fulfilment fragment's action stays on every status.
    expect(retryOf(parts.rulesets, 'FULFILMENT').triggers).toEqual([]);
    expect(retryOf(parts.rulesets, 'ORDER').triggers).toEqual([{ status: 'BOOKED' }]);
  });

  it('leave rulesets that already have triggers alone, like the BILLING workflow’s retry actions', () => {
    const billing = readWorkflowFiles().find((f) => f.workflow.name === 'BILLING_ACCOUNT::CUSTOMER')!.workflow;
    const retries = billing.rulesets.filter((r) => r.userActions.length > 0);
    expect(retries.length).toBeGreaterThanOrEqual(3);
    for (const ruleset of retries) expect(ruleset.triggers.length, `${ruleset.type}/${ruleset.name}`).toBeGreaterThan(0);
    expect(fillUserActionTriggers(retries, [{ name: 'PAID', entityType: 'INVOICE', category: 'DONE' }])).toEqual(retries);
  });
});
