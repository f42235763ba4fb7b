import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFolio } from './support/run-folio.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'folio-stamp-'));
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('folio fluent stamp', () => {
  it('writes stamped workflows, fragments, the webhook setting and the manifest setting', async () => {
    const out = tmp();
    const run = await runFolio(['fluent', 'stamp', '--account', 'ACME', '--endpoint', 'https://folio.acme.example/', '--retailer', '3', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Stamped for account ACME, retailer 3; webhook https://folio.acme.example/fluent/webhook');

    const billing = read(join(out, 'workflows', 'BILLING_ACCOUNT-CUSTOMER.json'));
    expect(billing.retailerId).toBe('3');
    expect(billing.rulesets.find((r: any) => r.type === 'INVOICE' && r.name === 'CREATE').rules[0].name).toBe('ACME.core.SendWebhook');
    expect(read(join(out, 'workflows', 'fragments', 'ORDER.order-confirmation.json')).rulesets[0].rules[0].name).toBe('ACME.folio.SendDocumentWebhook');
    expect(read(join(out, 'settings', 'folio.webhook.json'))).toEqual({
      name: 'folio.webhook', valueType: 'JSON', context: 'ACCOUNT', contextId: 0, lobValue: { name: 'FolioDocumentRequested', url: 'https://folio.acme.example/fluent/webhook' },
    });
    expect(read(join(out, 'settings', 'fc.mystique.manifest.oms.fragment.folio.json')).lobValue.manifestVersion).toBe('2.0');
  });

  it('takes the account and retailer from FLUENT_ACCOUNT_ID / FLUENT_RETAILER_ID', async () => {
    const out = tmp();
    const run = await runFolio(['fluent', 'stamp', '--endpoint', 'http://localhost:8080', '--out', out], { env: { FLUENT_ACCOUNT_ID: 'BETA', FLUENT_RETAILER_ID: '2' } });
    expect(run.code, run.stderr).toBe(0);
    expect(read(join(out, 'workflows', 'BILLING_ACCOUNT-CUSTOMER.json'))).toMatchObject({ retailerId: '2', rulesets: expect.arrayContaining([expect.objectContaining({ rules: [{ name: 'BETA.core.SetState', props: { status: 'ACTIVE' } }] })]) });
  });

  it.each([
    [['--account', 'ACME', '--endpoint', 'http://folio.example.com'], 'must use https:// (http:// is accepted only for localhost)'],
    [['--account', 'acme', '--endpoint', 'https://folio.example.com'], 'did you mean ACME?'],
    [['--account', 'ACME'], 'missing --endpoint'],
    [['--endpoint', 'https://folio.example.com'], 'missing --account (or FLUENT_ACCOUNT_ID)'],
    [['--account', 'ACME', '--endpoint', 'https://f.example', '--retailer', 'one'], 'retailer id "one" is not a Fluent retailer id'],
    [['--account', 'ACME', '--endpoint', 'https://f.example', '--request-on', 'payday'], '--request-on must be "create" or "event"'],
    [['--account', 'ACME', '--endpoint', 'https://f.example', '--colour', 'red'], "Unknown option '--colour'"],
  ])('refuses %j with exit code 2, the reason and the usage', async (args, message) => {
    const out = tmp();
    const run = await runFolio(['fluent', 'stamp', ...args, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: folio fluent stamp');
    expect(existsSync(join(out, 'workflows'))).toBe(false);
  });

  it('has --help', async () => {
    const run = await runFolio(['fluent', 'stamp', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: folio fluent stamp --account ACME --endpoint/);
  });
});
