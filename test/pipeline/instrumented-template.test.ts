import { describe, expect, it } from 'vitest';
import { createDocumentSources } from '../../connector/app/document-sources.ts';
import { generateDocument } from '../../connector/pipeline/generate-document.ts';
import { instrumentPipeline } from '../../connector/observe/instrument-pipeline.ts';
import { createMetrics } from '../../connector/observe/metrics.ts';
import { context } from '../compose/fixtures/context.ts';
import { warrantyCard } from './fixtures/warranty-card/declaration.ts';
import { fluentEvent, inMemoryPorts } from './support/in-memory-ports.ts';

const order = {
  id: '9001',
  ref: 'ORD-9001',
  createdOn: '2026-02-20T08:00:00Z',
  customer: { firstName: 'Erika', lastName: 'Mustermann' },
  items: { pageInfo: { hasNextPage: false }, edges: [] },
};

/** The connector always runs the use case instrumented; a document's own template must survive that. */
describe('the instrumented pipeline', () => {
  it("renders a document with its declaration's own template", async () => {
    const run = inMemoryPorts({ FolioWarrantyCard: { orderById: order } }, { resolveSource: createDocumentSources({ seller: context.seller }, [warrantyCard(context.seller)]) });
    const observed = instrumentPipeline(run.deps, { metrics: createMetrics(async () => ({})) });

    await generateDocument(observed, fluentEvent({ entityType: 'ORDER', entityId: '9001', attributes: { documentType: 'CUSTOM:Warranty card' } }));

    expect(run.rendered.map((r) => r.template)).toEqual(['warranty-card.njk']);
  });
});
