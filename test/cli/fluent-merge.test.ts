import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../connector/install/workflow-schema.ts';
import { clickAndCollectOrder, defaultReturns, homeDeliveryOrder, invoicingBilling, minimalBilling } from '../fluent/fixtures/retailer-workflows.ts';
import { runFolio } from './support/run-folio.ts';

function files(theirs: Workflow) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-merge-'));
  const into = join(dir, 'theirs.json');
  writeFileSync(into, JSON.stringify(theirs, null, 2));
  return { into, out: join(dir, 'merged.json') };
}
const ids = (workflow: Workflow) => workflow.rulesets.map((r) => `${r.type}/${r.name}`);

describe('folio fluent merge', () => {
  it.each([
    ['a minimal billing workflow', minimalBilling, ['INVOICE/CREATE', 'CREDIT_MEMO/FolioRetryDocument', 'PAYMENT/CREATE']],
    ['a billing workflow with its own invoice rulesets', invoicingBilling, ['INVOICE/CREATE', 'INVOICE/FolioDocumentGenerated', 'CREDIT_MEMO/CREATE']],
    ['a home-delivery order workflow', homeDeliveryOrder, ['ORDER/FolioRequestDocument', 'FULFILMENT/FolioRequestDocument', 'FULFILMENT/FolioRetryDocument']],
    ['a click-and-collect order workflow', clickAndCollectOrder, ['ORDER/FolioDocumentGenerated', 'FULFILMENT/FolioDocumentFailed']],
    ['a returns workflow', defaultReturns, ['RETURN_ORDER/FolioRequestDocument', 'RETURN_ORDER/FolioRetryDocument']],
  ])('adds Folio to %s without touching theirs', async (_name, theirs, expected) => {
    const { into, out } = files(theirs);
    const run = await runFolio(['fluent', 'merge', '--into', into, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as Workflow;
    expect(merged.rulesets.slice(0, theirs.rulesets.length)).toEqual(theirs.rulesets);
    expect(ids(merged)).toEqual(expect.arrayContaining(expected));
    expect(merged.rulesets.filter((r) => r.type === theirs.entityType && r.name === 'CREATE')).toHaveLength(1);
    expect(merged.rulesets.flatMap((r) => r.rules.map((rule) => rule.name)).every((name) => name.startsWith('ACME.'))).toBe(true);
    const [major, minor] = theirs.version.split('.').map(Number);
    expect(merged.version).toBe(`${major}.${minor! + 1}`);
    expect(run.stderr).toContain(`into ${theirs.name}: added`);
  });

  it('writes to standard output without --out, and a second merge adds nothing', async () => {
    const { into } = files(invoicingBilling);
    const first = await runFolio(['fluent', 'merge', '--into', into]);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(into, first.stdout);
    const second = await runFolio(['fluent', 'merge', '--into', into]);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect(second.stderr).toContain('nothing to add: Folio is already merged');
  });

  it('refuses a conflicting ruleset: exit 1, the readable diff, nothing written', async () => {
    const theirs: Workflow = {
      ...invoicingBilling,
      rulesets: [...invoicingBilling.rulesets, { name: 'CREATE', type: 'INVOICE', eventType: 'NORMAL', rules: [{ name: 'ACME.billing.PostToErp', props: {} }], triggers: [{ status: 'CREATED' }], userActions: [] }],
    };
    const { into, out } = files(theirs);
    const run = await runFolio(['fluent', 'merge', '--into', into, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Conflict in INVOICE/CREATE:');
    expect(run.stderr).toContain('--- theirs INVOICE/CREATE');
    expect(run.stderr).toContain('-      "name": "ACME.billing.PostToErp",');
    expect(run.stderr).toContain('+      "name": "ACME.core.SendWebhook",');
    expect(run.stderr).toContain('--request-on event');
    expect(existsSync(out)).toBe(false);

    // Requesting on their own event keeps their CREATE and merges the rest.
    const byEvent = await runFolio(['fluent', 'merge', '--into', into, '--out', out, '--request-on', 'event']);
    expect(byEvent.code, byEvent.stderr).toBe(0);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as Workflow;
    expect(merged.rulesets.filter((r) => r.type === 'INVOICE' && r.name === 'CREATE')).toEqual([theirs.rulesets.at(-1)]);
    expect(ids(merged)).toContain('INVOICE/FolioRequestDocument');
  });

  it('explains what it cannot do', async () => {
    const location = files({ ...minimalBilling, entityType: 'LOCATION', entitySubtype: 'STORE', name: 'LOCATION::STORE', rulesets: [{ ...minimalBilling.rulesets[0]!, type: 'LOCATION' }] });
    const nothing = await runFolio(['fluent', 'merge', '--into', location.into]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('Folio has nothing to add to LOCATION::STORE');

    const noAccount = files({ ...minimalBilling, rulesets: [{ ...minimalBilling.rulesets[0]!, rules: [] }] });
    const guess = await runFolio(['fluent', 'merge', '--into', noAccount.into]);
    expect(guess.code).toBe(2);
    expect(guess.stderr).toContain('cannot tell the account');

    const missing = await runFolio(['fluent', 'merge', '--into', '/nonexistent/theirs.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('/nonexistent/theirs.json: ENOENT');
    expect((await runFolio(['fluent', 'merge'])).stderr).toContain('missing --into');
  });
});
