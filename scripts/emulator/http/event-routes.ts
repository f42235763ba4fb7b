import { Router, type Request, type Response } from 'express';
import { eventApiRequestSchema, type EventApiRequest } from '../../../connector/fluent/event-model.ts';
import { eventQuerySchema, queryEvents } from '../events/event-query.ts';
import { fluentView } from '../events/event-record.ts';
import type { Orchestrator } from '../events/orchestrator.ts';

/** Fluent's Event API under /api/v4.1/event (REFERENCE.md §2). */
export function eventRoutes(orchestrator: Orchestrator, identity: { accountId: string; username: string }): Router {
  const router = Router();

  /** The body as the Event API accepts it, or a 400 naming what is wrong. */
  const read = (req: Request, res: Response): EventApiRequest | undefined => {
    const parsed = eventApiRequestSchema.safeParse(req.body);
    const problem = !parsed.success
      ? parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
      : parsed.data.entityId === undefined && parsed.data.entityRef === undefined
        ? 'entityId or entityRef is required'
        : parsed.data.accountId !== undefined && parsed.data.accountId !== identity.accountId
          ? `accountId ${parsed.data.accountId} is not this account (${identity.accountId})`
          : undefined;
    if (problem === undefined && parsed.success) return parsed.data;
    res.status(400).json({ message: `Invalid event: ${problem}` });
    return undefined;
  };

  router.post('/async', (req, res) => {
    const request = read(req, res);
    if (!request) return;
    const event = orchestrator.submit(request, { mode: 'ASYNC', generatedBy: identity.username });
    // INFERRED (REFERENCE.md §10.3): Fluent's async answer names the new event by `id`.
    res.json({ id: event.id, name: event.name, entityType: event.context.entityType, entityId: event.context.entityId, entityRef: event.context.entityRef, eventStatus: event.eventStatus });
  });

  router.post('/sync', async (req, res) => {
    const request = read(req, res);
    if (!request) return;
    const event = await orchestrator.runSync(request, identity.username);
    res.json({ eventId: event.id, entityId: event.context.entityId ?? null, eventStatus: event.eventStatus });
  });

  router.get('/:id', (req, res) => {
    const event = orchestrator.log.get(req.params.id);
    if (event) res.json(fluentView(event));
    else res.status(404).json({ message: `Event ${req.params.id} not found` });
  });

  router.get('/', (req, res) => {
    const parsed = eventQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ message: `Invalid filter: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` });
      return;
    }
    const page = queryEvents(orchestrator.log.all(), parsed.data);
    res.json({ ...page, results: page.results.map(fluentView) });
  });

  return router;
}
