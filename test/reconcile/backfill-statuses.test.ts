import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT } from '../../connector/fluent/contract.ts';
import { workflowSchema } from '../../connector/install/workflow-schema.ts';
import { RECONCILED_ENTITY_TYPES } from '../../connector/reconcile/billing-entity.ts';
import { RESULT_LANDS_FROM } from '../../connector/reconcile/backfill.ts';

const workflow = workflowSchema.parse(JSON.parse(readFileSync(new URL('../../workflows/BILLING_ACCOUNT-CUSTOMER.json', import.meta.url), 'utf8')));
const triggers = (type: string, name: string) => workflow.rulesets.find((r) => r.type === type && r.name === name)?.triggers.map((t) => t.status).sort();

// backfill requests only entities whose result the shipped workflow applies: the two must not drift.
describe('the statuses backfill requests from', () => {
  for (const type of RECONCILED_ENTITY_TYPES)
    it(`are those ${type}'s FolioDocumentGenerated ruleset triggers from, and a failure lands from CREATED too`, () => {
      expect(triggers(type, DOCUMENT_GENERATED_EVENT)).toEqual([...RESULT_LANDS_FROM].sort());
      expect(triggers(type, DOCUMENT_FAILED_EVENT)).toContain('CREATED');
    });
});
