import { describe, expect, it } from 'vitest';
import { DOCUMENT_REQUESTED_EVENT, STATUS, WEBHOOK_SETTING_NAME } from '../../connector/fluent/contract.ts';
import { manifestFragmentSchema } from '../../connector/install/manifest-schema.ts';
import { OMS_FRAGMENT_SETTING } from '../../connector/install/oms-manifest.ts';
import { checkAccountId, checkRetailerId, webhookUrlFor } from '../../connector/install/stamp.ts';
import { stampedContent } from '../../connector/install/stamp-bundle.ts';
import { workflowSchema } from '../../connector/install/workflow-schema.ts';

const options = { accountId: 'ACME', retailerId: '7', webhookUrl: 'https://folio.acme.example/fluent/webhook', requestOn: 'create' as const };

describe('stamping Folio for an account', () => {
  it('puts the account in every rule name, the retailer in every workflow and leaves no placeholder', () => {
    const content = stampedContent(options);
    const text = JSON.stringify(content);
    expect(text).not.toContain('[[');
    const [billing] = content.workflows;
    expect(billing).toMatchObject({ name: 'BILLING_ACCOUNT::CUSTOMER', retailerId: '7' });
    expect(workflowSchema.safeParse(billing).success).toBe(true);
    const rules = [...content.workflows.flatMap((w) => w.rulesets), ...content.fragments.flatMap((f) => f.fragment.rulesets)].flatMap((r) => r.rules.map((rule) => rule.name));
    expect(rules.every((name) => /^ACME\.(core|folio)\.[A-Z]\w+$/.test(name))).toBe(true);
    expect(new Set(rules)).toEqual(new Set(['ACME.core.SetState', 'ACME.core.SendWebhook', 'ACME.folio.SendDocumentWebhook', 'ACME.folio.ApplyDocumentUpdate']));
  });

  it('writes the webhook setting and the OMS manifest as ACCOUNT JSON settings', () => {
    const { settings } = stampedContent(options);
    expect(settings.map((s) => s.name)).toEqual([WEBHOOK_SETTING_NAME, OMS_FRAGMENT_SETTING]);
    expect(settings[0]).toEqual({ name: WEBHOOK_SETTING_NAME, valueType: 'JSON', context: 'ACCOUNT', contextId: 0, lobValue: { name: DOCUMENT_REQUESTED_EVENT, url: options.webhookUrl } });
    expect(manifestFragmentSchema.safeParse(settings[1]?.lobValue).success).toBe(true);
  });

  it('with request-on event, sub-entity CREATE rulesets no longer ask for documents; FolioRequestDocument does', () => {
    const [billing] = stampedContent({ ...options, requestOn: 'event' }).workflows;
    for (const type of ['INVOICE', 'CREDIT_MEMO', 'PAYMENT']) {
      expect(billing!.rulesets.find((r) => r.type === type && r.name === 'CREATE')?.rules, type).toEqual([]);
      expect(billing!.rulesets.find((r) => r.type === type && r.name === 'FolioRequestDocument')?.triggers).toContainEqual({ status: 'CREATED' });
    }
    expect(billing!.rulesets.find((r) => r.type === 'BILLING_ACCOUNT')?.rules).toEqual([{ name: 'ACME.core.SetState', props: { status: 'ACTIVE' } }]);
    expect(JSON.stringify(billing)).toContain(STATUS.requested);
  });

  it.each([
    ['https://folio.example.com', 'https://folio.example.com/fluent/webhook'],
    ['https://folio.example.com/tenant-a/', 'https://folio.example.com/tenant-a/fluent/webhook'],
    ['https://folio.example.com/fluent/webhook', 'https://folio.example.com/fluent/webhook'],
    ['http://localhost:8080', 'http://localhost:8080/fluent/webhook'],
    ['http://127.0.0.1:9', 'http://127.0.0.1:9/fluent/webhook'],
  ])('endpoint %s → %s', (endpoint, url) => {
    expect(webhookUrlFor(endpoint)).toBe(url);
  });

  it.each([
    ['folio.example.com', /not a URL/],
    ['http://folio.example.com', /must use https/],
    ['ftp://localhost', /must use https/],
    ['https://folio.example.com:8443', /port 8443/],
    ['https://user:pw@folio.example.com', /credentials/],
    ['https://folio.example.com/?key=1', /query string/],
  ])('refuses endpoint %s', (endpoint, message) => {
    expect(() => webhookUrlFor(endpoint)).toThrow(message);
  });

  it('checks account and retailer ids, suggesting the upper-case account', () => {
    expect(checkAccountId('ACME_2')).toBe('ACME_2');
    expect(() => checkAccountId('acme')).toThrow(/did you mean ACME\?/);
    expect(() => checkAccountId('AC.ME')).toThrow(/not a Fluent account id/);
    expect(checkRetailerId('12')).toBe('12');
    expect(() => checkRetailerId('0')).toThrow(/positive whole number/);
  });
});
