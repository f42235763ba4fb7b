import { folioPartsFor } from '../../connector/install/folio-parts.ts';
import { FluentAdminClient } from '../../connector/install/admin-client.ts';
import { DOCUMENT_REQUESTED_EVENT, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { mergeIntoWorkflow } from '../../connector/install/merge-workflow.ts';
import type { Ruleset, Workflow } from '../../connector/install/workflow-schema.ts';
import type { Emulator } from '../emulator/index.ts';

/**
 * Retailer workflows as an implementer would write them, with Folio's fragments merged in and pushed
 * the way `folio fluent merge` + `folio fluent push` do. Each asks for its documents from its own rulesets:
 * - ORDER::HD: order CREATE → FolioRequestDocument (order confirmation); fulfilment CREATE →
 *   FolioRequestDocument (shipment note); FolioRequestDocument on a FINANCIAL_TRANSACTION (a payment
 *   provider's callback sends it) → payment receipt; FolioProformaRequested on the order → the
 *   pro forma invoice custom document (core.SendWebhook under a setting named after that event).
 * - ORDER::COD: fulfilment CREATE → PACKAGE_INVOICE (one invoice per package, with its COD fee).
 * - RETURN_ORDER::DEFAULT: CREATE → FolioRequestDocument (return confirmation).
 * Invoices, debit notes and credit memos use Folio's own BILLING_ACCOUNT::CUSTOMER workflow.
 */
export const PROFORMA_EVENT = 'FolioProformaRequested';
export const PROFORMA_SETTING = 'folio.webhook.proforma';
export const RECEIPT_EVENT = 'FolioRequestDocument';

const rule = (account: string, name: string, props: Record<string, unknown> = {}) => ({ name: `${account}.${name}`, props });
const ruleset = (name: string, type: string, rules: Ruleset['rules'], triggers: string[] = []): Ruleset => ({
  name,
  type,
  eventType: 'NORMAL',
  rules,
  triggers: triggers.map((status) => ({ status })),
  userActions: [],
});

export function sampleWorkflows(account: string, retailerId: string): Workflow[] {
  const base = { retailerId, settings: {} as Record<string, unknown> };
  const request = rule(account, 'core.SendEvent', { eventName: 'FolioRequestDocument' });
  const orderStatuses = [
    { name: 'CREATED', entityType: 'ORDER', category: 'BOOKING' },
    { name: 'BOOKED', entityType: 'ORDER', category: 'BOOKING' },
    { name: 'CREATED', entityType: 'FULFILMENT', category: 'FULFILMENT' },
    { name: 'AWAITING_PICK', entityType: 'FULFILMENT', category: 'FULFILMENT' },
  ];
  return [
    {
      ...base,
      version: '1.0',
      entityType: 'ORDER',
      entitySubtype: 'HD',
      name: 'ORDER::HD',
      statuses: orderStatuses,
      rulesets: [
        ruleset('CREATE', 'ORDER', [rule(account, 'core.SetState', { status: 'BOOKED' }), request], ['CREATED']),
        ruleset('CREATE', 'FULFILMENT', [rule(account, 'core.SetState', { status: 'AWAITING_PICK' }), request], ['CREATED']),
        ruleset(RECEIPT_EVENT, 'FINANCIAL_TRANSACTION', [rule(account, 'folio.SendDocumentWebhook', { setting: WEBHOOK_SETTING_NAME, documentType: 'PAYMENT_RECEIPT' })]),
        ruleset(PROFORMA_EVENT, 'ORDER', [rule(account, 'core.SendWebhook', { setting: PROFORMA_SETTING })]),
      ],
    },
    {
      ...base,
      version: '1.0',
      entityType: 'ORDER',
      entitySubtype: 'COD',
      name: 'ORDER::COD',
      statuses: orderStatuses,
      rulesets: [
        ruleset('CREATE', 'ORDER', [rule(account, 'core.SetState', { status: 'BOOKED' })], ['CREATED']),
        ruleset('CREATE', 'FULFILMENT', [rule(account, 'core.SetState', { status: 'AWAITING_PICK' }), rule(account, 'folio.SendDocumentWebhook', { setting: WEBHOOK_SETTING_NAME, documentType: 'PACKAGE_INVOICE' })], ['CREATED']),
      ],
    },
    {
      ...base,
      version: '1.0',
      entityType: 'RETURN_ORDER',
      entitySubtype: 'DEFAULT',
      name: 'RETURN_ORDER::DEFAULT',
      statuses: [
        { name: 'CREATED', entityType: 'RETURN_ORDER', category: 'BOOKING' },
        { name: 'AWAITING_RETURN', entityType: 'RETURN_ORDER', category: 'BOOKING' },
      ],
      rulesets: [ruleset('CREATE', 'RETURN_ORDER', [rule(account, 'core.SetState', { status: 'AWAITING_RETURN' }), request], ['CREATED'])],
    },
  ];
}

/** Merges Folio's parts into the sample workflows, pushes them, and points the custom document's setting at Folio. */
export async function installSampleWorkflows(emulator: Emulator, connectorUrl: string): Promise<void> {
  const admin = new FluentAdminClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  for (const theirs of sampleWorkflows(emulator.accountId, emulator.retailerId)) {
    const parts = folioPartsFor(theirs, emulator.accountId);
    const merged = parts ? mergeIntoWorkflow(theirs, parts) : { ok: true as const, workflow: theirs };
    if (!merged.ok) throw new Error(`merging Folio into ${theirs.name}: ${merged.conflicts.map((c) => c.diff).join('\n')}`);
    await admin.putWorkflow(merged.workflow);
  }
  emulator.setSetting(PROFORMA_SETTING, { name: PROFORMA_EVENT, url: `${connectorUrl}/fluent/webhook` });
  emulator.setSetting(WEBHOOK_SETTING_NAME, { name: DOCUMENT_REQUESTED_EVENT, url: `${connectorUrl}/fluent/webhook` });
}
