import { describe, expect, it } from 'vitest';
import { createDocumentSources } from '../../connector/app/document-sources.ts';
import { documentKey } from '../../connector/core/document-key.ts';
import { generateDocument } from '../../connector/pipeline/generate-document.ts';
import type { HtmlRenderer } from '../../connector/core/ports/html-renderer.ts';
import { createTemplateEngine } from '../../connector/render/html.ts';
import { context } from '../compose/fixtures/context.ts';
import { warrantyCard } from './fixtures/warranty-card/declaration.ts';
import { fluentEvent, inMemoryPorts } from './support/in-memory-ports.ts';

const FIXTURE_DIR = new URL('./fixtures/warranty-card/', import.meta.url).pathname;

const order = {
  id: '9001',
  ref: 'ORD-9001',
  createdOn: '2026-02-20T08:00:00Z',
  customer: { firstName: 'Erika', lastName: 'Mustermann', primaryEmail: 'erika@example.de' },
  items: { pageInfo: { hasNextPage: false }, edges: [{ node: { ref: 'TENT', quantity: 1, product: { name: 'Two-person tent' } } }] },
};

/**
 * A document type added in test/pipeline/fixtures/warranty-card/ alone (its query and loader, builder,
 * template and declaration), with no edit to the connector, runs through the whole use case.
 */
describe('a document type declared outside the connector', () => {
  const engine = createTemplateEngine({ overrideDirs: () => [FIXTURE_DIR] });
  const html: HtmlRenderer = { render: (document, options) => engine.renderDocumentHtml(document, options) };
  const sources = createDocumentSources({ seller: context.seller }, [warrantyCard(context.seller)]);

  it.each([
    ['its documentType', { entityType: 'ORDER', attributes: { documentType: 'CUSTOM_WARRANTY_CARD' } }],
    ['its trigger event', { entityType: 'ORDER', name: 'WarrantyCardRequested' }],
  ])('is made when the webhook asks by %s, with its own template and number series', async (_how, fields) => {
    const run = inMemoryPorts({ FolioWarrantyCard: { orderById: order } }, { resolveSource: sources, html });
    const event = fluentEvent({ id: 'evt-w', entityId: '9001', entityRef: 'ORD-9001', ...fields });

    const generated = await generateDocument(run.deps, event);

    expect(generated).toMatchObject({ documentType: 'custom:Warranty card', number: 'N-1' });
    expect([...run.rows.keys()]).toEqual([documentKey(event, 'custom:Warranty card')]);
    const pdfText = [...run.files.values()][0]!.toString();
    expect(pdfText).toContain('Two years of warranty on every item below.');
    expect(pdfText).toContain('1 × Two-person tent');
  });

  it('leaves the built-in types as they were', () => {
    expect(sources(fluentEvent({ entityType: 'ORDER', entityId: '9001' }))?.type).toBe('order_confirmation');
  });
});
