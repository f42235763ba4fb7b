import { describe, expect, it } from 'vitest';
import type { DocumentSource } from '../../connector/core/ports/document-source.ts';
import { createEInvoiceIssuer } from '../../connector/einvoice/einvoice-issuer.ts';
import { readInvoiceXml } from '../../connector/einvoice/read-einvoice.ts';
import { checkBusinessRules } from '../../connector/einvoice/business-rules.ts';
import { ATTRIBUTE, DOCUMENT_FAILED_EVENT, DOCUMENT_GENERATED_EVENT } from '../../connector/fluent/contract.ts';
import { handleDocumentJob } from '../../connector/pipeline/handle-job.ts';
import { fluentEvent, inMemoryPorts, job, memoryLog } from '../pipeline/support/in-memory-ports.ts';
import { NAMED_CASES } from './support/named-cases.ts';
import { SELLER_TERMS } from './support/random-documents.ts';

const named = (name: string) => NAMED_CASES.find((c) => c.name === name)!.document;

/** A source that loads what the case's Fluent data is and builds the case's model, number unassigned. */
function sourceOf(name: string): DocumentSource {
  const { model, data } = named(name);
  return { type: 'invoice', load: async () => data, build: () => ({ ...model, number: undefined }) };
}

const issuer = createEInvoiceIssuer({ formats: { '*': [], NORDWIND: ['ubl', 'cii', 'xrechnung-cii'] }, seller: SELLER_TERMS });
const event = fluentEvent({ id: 'evt-ei', entityType: 'INVOICE', entityRef: 'INV-EI-1', entityId: '1' });

describe('e-invoices in the use case', () => {
  it('stores each configured format beside the PDF and links them on the Fluent entity', async () => {
    const run = inMemoryPorts({}, { resolveSource: () => sourceOf('eur-invoice-rates-exempt-shipping-cod-part-paid'), einvoice: issuer });
    await handleDocumentJob(run.deps, job(event), memoryLog());

    expect([...run.files.keys()].sort()).toEqual([
      'NORDWIND/1/invoice/N-1.cii.xml',
      'NORDWIND/1/invoice/N-1.pdf',
      'NORDWIND/1/invoice/N-1.ubl.xml',
      'NORDWIND/1/invoice/N-1.xrechnung-cii.xml',
    ]);
    const generated = run.posted.find((e) => e.name === DOCUMENT_GENERATED_EVENT)!;
    expect(generated.attributes![ATTRIBUTE.einvoices]).toEqual({
      ubl: { fileName: 'N-1.ubl.xml', downloadUrl: 'https://folio.test/download/NORDWIND/1/invoice/N-1.ubl.xml', path: 'NORDWIND/1/invoice/N-1.ubl.xml' },
      cii: { fileName: 'N-1.cii.xml', downloadUrl: 'https://folio.test/download/NORDWIND/1/invoice/N-1.cii.xml', path: 'NORDWIND/1/invoice/N-1.cii.xml' },
      'xrechnung-cii': { fileName: 'N-1.xrechnung-cii.xml', downloadUrl: 'https://folio.test/download/NORDWIND/1/invoice/N-1.xrechnung-cii.xml', path: 'NORDWIND/1/invoice/N-1.xrechnung-cii.xml' },
    });
    const ubl = readInvoiceXml(run.files.get('NORDWIND/1/invoice/N-1.ubl.xml')!.toString());
    expect(ubl.number).toBe('N-1');
    expect(checkBusinessRules(ubl, 'peppol', { creditNote: false })).toEqual([]);
  });

  it('refuses a document with broken totals before it takes a number: the rule ids reach Fluent, nothing is stored', async () => {
    const run = inMemoryPorts({}, { resolveSource: () => sourceOf('broken-totals'), einvoice: issuer });
    await handleDocumentJob(run.deps, job(event), memoryLog());

    const failed = run.posted.find((e) => e.name === DOCUMENT_FAILED_EVENT)!;
    expect(failed.attributes![ATTRIBUTE.failureReason]).toMatch(/^e-invoice \(ubl\) refused, EN 16931 rules BR-CO-13, BR-CO-16: BR-CO-13 Invoice total amount without VAT \(BT-109\)/);
    expect(run.posted.some((e) => e.name === DOCUMENT_GENERATED_EVENT)).toBe(false);
    expect(run.files.size).toBe(0);
    expect(run.rows.size).toBe(0);
  });

  it('makes no e-invoice where neither the retailer nor the buyer asks for one', async () => {
    const none = createEInvoiceIssuer({ formats: { '*': [] }, seller: SELLER_TERMS });
    const run = inMemoryPorts({}, { resolveSource: () => sourceOf('broken-totals'), einvoice: none });
    await handleDocumentJob(run.deps, job(event), memoryLog());
    expect([...run.files.keys()]).toEqual(['NORDWIND/1/invoice/N-1.pdf']);
    expect(run.posted.find((e) => e.name === DOCUMENT_GENERATED_EVENT)!.attributes).not.toHaveProperty(ATTRIBUTE.einvoices);
  });
});
