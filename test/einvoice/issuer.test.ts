import { describe, expect, it } from 'vitest';
import { PermanentError } from '../../connector/core/errors.ts';
import { BUYER_ATTRIBUTE, buyerTerms } from '../../connector/einvoice/buyer-attributes.ts';
import { createEInvoiceIssuer, formatsFor } from '../../connector/einvoice/einvoice-issuer.ts';
import { parseFormatList } from '../../connector/einvoice/formats.ts';
import { fluentEvent } from '../pipeline/support/in-memory-ports.ts';
import { NAMED_CASES } from './support/named-cases.ts';
import { SELLER_TERMS } from './support/random-documents.ts';

const attributes = (entries: Record<string, string>) => Object.entries(entries).map(([name, value]) => ({ name, type: 'STRING', value }));
const settings = { formats: { '*': [], ACME: ['ubl'], 'ACME:2': ['cii', 'factur-x'] } as const, seller: SELLER_TERMS };

describe('which e-invoices a document gets', () => {
  it('takes the retailer\'s formats, most specific key first', () => {
    expect(formatsFor(settings, 'ACME', '2', {})).toEqual(['cii', 'factur-x']);
    expect(formatsFor(settings, 'ACME', '1', {})).toEqual(['ubl']);
    expect(formatsFor(settings, 'OTHER', '1', {})).toEqual([]);
  });

  it('lets the buyer\'s Fluent attribute override them, on the customer or nearer the document', () => {
    const customer = { attributes: attributes({ [BUYER_ATTRIBUTE.formats]: 'xrechnung-ubl, factur-x' }) };
    expect(formatsFor(settings, 'ACME', '1', { customer })).toEqual(['xrechnung-ubl', 'factur-x']);
    expect(formatsFor(settings, 'ACME', '1', { customer, invoice: { attributes: attributes({ [BUYER_ATTRIBUTE.formats]: 'none' }) } })).toEqual([]);
    expect(formatsFor(settings, 'OTHER', '1', { customer: { attributes: attributes({ [BUYER_ATTRIBUTE.formats]: '["cii"]' }) } })).toEqual(['cii']);
  });

  it('refuses a format list it does not know, naming the attribute', () => {
    expect(() => parseFormatList('ubl,pdf')).toThrow('expected formats among ubl, cii, xrechnung-ubl, xrechnung-cii, factur-x or none, got ubl,pdf');
    expect(() => formatsFor(settings, 'ACME', '1', { customer: { attributes: attributes({ [BUYER_ATTRIBUTE.formats]: 'edifact' }) } })).toThrow(/^attribute folio\.einvoiceFormats: /);
  });

  it('reads the buyer\'s electronic address, legal id, buyer reference and order number from Fluent attributes', () => {
    const data = {
      customer: { attributes: attributes({ [BUYER_ATTRIBUTE.endpoint]: '0204:04011000-12345-03', [BUYER_ATTRIBUTE.legalId]: 'HRB 12345' }) },
      order: { attributes: attributes({ [BUYER_ATTRIBUTE.purchaseOrder]: 'PO-77' }) },
      invoice: { attributes: attributes({ [BUYER_ATTRIBUTE.reference]: '04011000-12345-03' }), billingAccount: { attributes: [] } },
    };
    expect(buyerTerms(data)).toEqual({ endpoint: { scheme: '0204', id: '04011000-12345-03' }, legalId: { id: 'HRB 12345' }, reference: '04011000-12345-03', purchaseOrder: 'PO-77' });
    expect(() => buyerTerms({ customer: { attributes: attributes({ [BUYER_ATTRIBUTE.endpoint]: 'buyer@example.com' }) } })).toThrow(
      'attribute folio.endpointId: expected SCHEME:ID (e.g. 0088:5790000435975), got buyer@example.com',
    );
  });
});

describe('the issuer refuses what breaks EN 16931, naming the rules', () => {
  const event = fluentEvent({ accountId: 'ACME', retailerId: '1', entityType: 'INVOICE', entityRef: 'INV-1' });
  const issuer = createEInvoiceIssuer(settings);

  it.each(NAMED_CASES.filter((c) => c.refusedWith.length > 0))('$name', async ({ document, formats, refusedWith }) => {
    const perFormat = createEInvoiceIssuer({ formats: { '*': [formats[0]!] }, seller: document.terms.seller });
    const error = await perFormat.check({ model: document.model, data: document.data, event }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).details.rule?.split(',')).toEqual(expect.arrayContaining([...refusedWith]));
    for (const id of refusedWith) expect((error as Error).message).toContain(id);
  });

  it('issues only invoices, debit and credit notes', async () => {
    const { model, data } = NAMED_CASES[0]!.document;
    expect(await issuer.check({ model: { ...model, type: 'order_confirmation' }, data, event })).toEqual([]);
    expect((await issuer.check({ model, data, event })).map((t) => t.format)).toEqual(['ubl']);
  });
});
