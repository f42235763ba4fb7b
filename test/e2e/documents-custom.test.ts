import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCustomDocuments } from '../../connector/app/custom-documents.ts';
import { createDocumentSources } from '../../connector/app/document-sources.ts';
import { declaredVariables } from '../../connector/fetch/load-custom-document.ts';
import { fluentEventSchema } from '../../connector/fluent/event-model.ts';

/**
 * Custom documents are declared in config/custom-documents/ only. Which webhook picks which document
 * is decided before anything is fetched; the end-to-end run of the shipped example is in
 * documents-order.test.ts.
 */
const seller = { name: 'Folio Demo Retail Ltd', address: { country: 'GB' } };
const shipped = loadCustomDocuments('config/custom-documents');
const resolve = createDocumentSources({ seller, customDocuments: shipped });
const event = (fields: Record<string, unknown>) => fluentEventSchema.parse({ id: 'e', name: 'FolioDocumentRequested', accountId: 'ACME', retailerId: '1', entityId: '7', entityRef: 'O-7', ...fields });

describe('custom documents from configuration', () => {
  it('ships a pro forma invoice whose query asks only for what the event gives', () => {
    expect(shipped.map((d) => d.config.name)).toEqual(['Pro forma invoice']);
    expect(declaredVariables(shipped[0]!.query)).toEqual(['id']);
  });

  it('is picked by CUSTOM:<name>, by the rule-safe CUSTOM_<NAME>, or by its trigger event', () => {
    expect(resolve(event({ entityType: 'ORDER', attributes: { documentType: 'CUSTOM:Pro forma invoice' } }))?.type).toBe('custom');
    expect(resolve(event({ entityType: 'ORDER', attributes: { documentType: 'CUSTOM_PRO_FORMA_INVOICE' } }))?.type).toBe('custom');
    expect(resolve(event({ entityType: 'ORDER', name: 'FolioProformaRequested' }))?.type).toBe('custom');
    // The trigger is entity type and event: the same event on another entity, or the default webhook, is not it.
    expect(resolve(event({ entityType: 'ORDER' }))?.type).toBe('order_confirmation');
    expect(resolve(event({ entityType: 'RETURN_ORDER', name: 'FolioProformaRequested' }))?.type).toBe('return_confirmation');
  });

  it('refuses a custom document nobody declared, naming the ones that are', () => {
    expect(() => resolve(event({ entityType: 'ORDER', attributes: { documentType: 'CUSTOM:gift-receipt' } }))).toThrow('no custom document named "gift-receipt" is declared (declared: Pro forma invoice)');
  });

  it('stops at start on a declaration that does not validate, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-custom-'));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ name: 'broken', trigger: { entityType: 'ORDER' }, queryFile: 'q.graphql', template: 'custom.njk', mapping: {} }));
    expect(() => loadCustomDocuments(dir)).toThrow(/custom document .*broken\.json is invalid/);
  });

  it('stops at start when the query file is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-custom-'));
    const config = { ...shipped[0]!.config, queryFile: 'missing.graphql' };
    writeFileSync(join(dir, 'doc.json'), JSON.stringify(config));
    expect(() => loadCustomDocuments(dir)).toThrow(/query file .*missing\.graphql does not exist/);
  });
});

describe('which document an event asks for', () => {
  it.each([
    ['INVOICE', undefined, 'invoice'],
    ['INVOICE', 'DEBIT_NOTE', 'debit_note'],
    ['CREDIT_MEMO', undefined, 'credit_note'],
    ['ORDER', undefined, 'order_confirmation'],
    ['FULFILMENT', undefined, 'shipment_note'],
    ['FULFILMENT', 'PACKAGE_INVOICE', 'invoice'],
    ['RETURN_ORDER', undefined, 'return_confirmation'],
    ['FINANCIAL_TRANSACTION', undefined, 'payment_receipt'],
    ['PAYMENT', 'PAYMENT_RECEIPT', 'payment_receipt'],
  ])('%s with documentType %s → %s', (entityType, documentType, expected) => {
    expect(resolve(event({ entityType, attributes: documentType ? { documentType } : {} }))?.type).toBe(expected);
  });

  it('has nothing to do for an entity type without documents, and refuses unknown types', () => {
    expect(resolve(event({ entityType: 'LOCATION' }))).toBeUndefined();
    expect(() => resolve(event({ entityType: 'ORDER', attributes: { documentType: 'PACKING_SLIP' } }))).toThrow(/unknown documentType "PACKING_SLIP"/);
    expect(() => resolve(event({ entityType: 'ORDER', attributes: { documentType: 'PACKAGE_INVOICE' } }))).toThrow('a package invoice is made from a FULFILMENT event, not ORDER');
  });
});
