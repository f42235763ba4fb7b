import { describe, expect, it } from 'vitest';
import { fluentEventSchema } from '../../connector/fluent/event-model.ts';
import { rule as sendDocumentWebhook } from '../../scripts/emulator/rules/folio-send-document-webhook.ts';
import { JsonNode, RubixException } from '../../scripts/emulator/rules/rule.ts';
import { EntityStore } from '../../scripts/emulator/store.ts';
import { ruleContext } from '../../scripts/emulator/workflow/rule-context.ts';
import { putSetting, settingNode } from '../../scripts/emulator/workflow/settings-lookup.ts';

/**
 * The emulator hands Folio's plugin rules a setting the way Fluent's Java SDK does: lobValue as a Jackson
 * node (ObjectNode for a JSON object, TextNode for a JSON string), value as the string column.
 */
const webhook = { name: 'FolioDocumentRequested', url: 'https://folio.example.com/fluent/webhook' };

function storeWith(...settings: Record<string, unknown>[]): EntityStore {
  const store = new EntityStore();
  for (const setting of settings) store.insert('Setting', { name: 'folio.webhook', contextId: 0, value: null, lobValue: null, ...setting });
  return store;
}

function requestDocument(store: EntityStore) {
  const event = fluentEventSchema.parse({
    id: '0b7c3c2e-8f1e-4d39-9a53-2f3e8f0e6a01', name: 'CREATE', accountId: 'ACME', retailerId: '1', entityId: '501',
    entityRef: 'INV-1', entityType: 'INVOICE', entityStatus: 'CREATED', type: 'NORMAL', attributes: {},
  });
  const entity = { type: 'INVOICE', ref: 'INV-1', id: '501', status: 'CREATED' };
  const { context, actions } = ruleContext(store, event, { setting: 'folio.webhook', documentType: 'INVOICE' }, entity);
  sendDocumentWebhook(context);
  return actions;
}

describe('settings as a plugin rule reads them', () => {
  it('a JSON setting arrives as an ObjectNode and the rule posts to its url', () => {
    const store = new EntityStore();
    putSetting(store, 'folio.webhook', webhook);
    const node = settingNode(store, 'folio.webhook', '1');
    expect(node?.lobValue).toBeInstanceOf(JsonNode);
    expect((node!.lobValue as JsonNode).javaClass).toBe('com.fasterxml.jackson.databind.node.ObjectNode');
    expect(requestDocument(store)).toMatchObject([{ kind: 'webhook', url: webhook.url, event: { name: webhook.name } }]);
  });

  it('a JSON setting saved as a JSON string arrives as a TextNode, which the rule parses', () => {
    const store = storeWith({ context: 'ACCOUNT', valueType: 'JSON', lobValue: JSON.stringify(webhook) });
    expect((settingNode(store, 'folio.webhook', '1')!.lobValue as JsonNode).javaClass).toBe('com.fasterxml.jackson.databind.node.TextNode');
    expect(requestDocument(store)).toMatchObject([{ kind: 'webhook', url: webhook.url }]);
  });

  it('a STRING setting is read from value; one that is not JSON fails naming the type', () => {
    const store = storeWith({ context: 'ACCOUNT', valueType: 'STRING', value: webhook.url });
    expect(settingNode(store, 'folio.webhook', '1')).toEqual({ valueType: 'STRING', value: webhook.url, lobValue: null });
    expect(() => requestDocument(store)).toThrow(RubixException);
    expect(() => requestDocument(store)).toThrow(`got java.lang.String (not valid JSON): "https://folio.example.com/fluent/webhoo…`);
  });

  it('the event retailer’s setting wins over the account’s, as in Fluent', () => {
    const store = storeWith(
      { context: 'ACCOUNT', valueType: 'JSON', lobValue: { ...webhook, url: 'https://account.example.com/' } },
      { context: 'RETAILER', contextId: 1, valueType: 'JSON', lobValue: webhook },
      { context: 'RETAILER', contextId: 2, valueType: 'JSON', lobValue: { ...webhook, url: 'https://other.example.com/' } },
    );
    expect(requestDocument(store)).toMatchObject([{ kind: 'webhook', url: webhook.url }]);
  });
});
