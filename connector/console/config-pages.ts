import { Router, type Request, type Response } from 'express';
import { ZodError, z } from 'zod';
import { createApiKeys } from '../api/api-keys.ts';
import type { RetailerScope, ScopeFilter } from '../api/retailer-scope.ts';
import type { Queryable } from '../db/database.ts';
import { WEBHOOK_EVENT_TYPES } from '../webhooks/event-types.ts';
import { createWebhookDeliveryLog } from '../webhooks/delivery-log.ts';
import { createWebhookSubscriptions } from '../webhooks/subscriptions.ts';
import { actorOf } from './actions.ts';
import type { ConsoleContext, ConsoleExtension } from './console-context.ts';
import { seesTenant, type Operator } from './roles.ts';
import { splitTenant } from './scope.ts';

/**
 * The admin's API keys and webhook subscriptions pages, over the documents API's and the outbound
 * webhooks' own services (connector/api, connector/webhooks): this file only shows and submits.
 */

/** The operator's retailers as the services' scopes; undefined for an operator of every retailer. */
export function scopesOf(operator: Operator): ScopeFilter {
  if (operator.retailers.includes('*')) return {};
  return { scopes: operator.retailers.map((tenant): RetailerScope => {
    const [accountId, retailerId] = splitTenant(tenant);
    return { accountId, retailerId };
  }) };
}

/** The retailer a create form names, if the operator may manage it. */
function scopeFromForm(operator: Operator, value: unknown): RetailerScope | string {
  const tenant = typeof value === 'string' ? value.trim() : '';
  if (!/^[^:\s]+:[^:\s]+$/.test(tenant)) return 'Name the retailer as ACCOUNT:RETAILER.';
  if (!seesTenant(operator, tenant)) return `You do not manage retailer ${tenant}.`;
  const [accountId, retailerId] = splitTenant(tenant);
  return { accountId, retailerId };
}

const problemsOf = (error: unknown): string[] => {
  if (error instanceof ZodError) return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw error;
};
const idParam = z.string().min(1).max(100);
const retailerChoices = (operator: Operator) => (operator.retailers.includes('*') ? undefined : operator.retailers);

export function apiKeysPages(db: Queryable): ConsoleExtension {
  const keys = createApiKeys(db);
  return {
    feature: 'apiKeys',
    router: ({ render, sessionOf, form, sameOrigin, checkCsrf }: ConsoleContext) => {
      const router = Router();
      const page = async (response: Response, extra: Record<string, unknown> = {}) => {
        const { operator } = sessionOf(response);
        render(response, 'api-keys.njk', { title: 'API keys', section: 'api-keys', keys: await keys.list(scopesOf(operator)), retailers: retailerChoices(operator), ...extra });
      };
      router.get('/api-keys', async (request, response) => {
        await page(response, request.query['flash'] === 'revoked' ? { flash: { kind: 'flash', text: 'Key revoked: it is refused from now on.' } } : {});
      });
      router.post('/api-keys', sameOrigin, form, checkCsrf, async (request: Request, response) => {
        const { operator } = sessionOf(response);
        const scope = scopeFromForm(operator, request.body?.retailer);
        if (typeof scope === 'string') return void (response.status(400), await page(response, { problems: [scope] }));
        const limit = typeof request.body?.rateLimitPerMinute === 'string' && request.body.rateLimitPerMinute.trim() !== '' ? Number(request.body.rateLimitPerMinute) : undefined;
        try {
          const created = await keys.create({ scope, name: String(request.body?.name ?? ''), ...(limit !== undefined && { rateLimitPerMinute: limit }), createdBy: actorOf(operator) });
          // The secret is shown on this answer only: nothing keeps it but its hash.
          await page(response, { created });
        } catch (error) {
          response.status(400);
          await page(response, { problems: problemsOf(error) });
        }
      });
      router.post('/api-keys/:id/revoke', sameOrigin, form, checkCsrf, async (request: Request<{ id: string }>, response) => {
        const { operator } = sessionOf(response);
        const id = idParam.safeParse(request.params.id);
        const revoked = id.success ? await keys.revoke(id.data, { ...scopesOf(operator), revokedBy: actorOf(operator) }) : undefined;
        if (!revoked) return void (response.status(404), await page(response, { problems: ['No such key among the retailers you manage.'] }));
        response.redirect(303, '/console/api-keys?flash=revoked');
      });
      return router;
    },
  };
}

export function webhookPages(db: Queryable): ConsoleExtension {
  const subscriptions = createWebhookSubscriptions(db);
  const log = createWebhookDeliveryLog(db);
  return {
    feature: 'webhooks',
    router: ({ render, sessionOf, form, sameOrigin, checkCsrf }: ConsoleContext) => {
      const router = Router();
      const FLASH: Record<string, string> = { redelivered: 'Redelivery queued.', updated: 'Subscription updated.', removed: 'Subscription removed; its delivery log stays.' };
      const page = async (response: Response, extra: Record<string, unknown> = {}) => {
        const scope = scopesOf(sessionOf(response).operator);
        const [list, deliveries] = await Promise.all([subscriptions.list(scope), log.list({ ...scope, limit: 50 })]);
        render(response, 'webhooks.njk', { title: 'Webhooks', section: 'webhooks', subscriptions: list, deliveries, eventTypes: WEBHOOK_EVENT_TYPES, retailers: retailerChoices(sessionOf(response).operator), ...extra });
      };
      router.get('/webhooks', async (request, response) => {
        const flash = typeof request.query['flash'] === 'string' ? FLASH[request.query['flash']] : undefined;
        await page(response, flash ? { flash: { kind: 'flash', text: flash } } : {});
      });
      router.post('/webhooks', sameOrigin, form, checkCsrf, async (request: Request, response) => {
        const { operator } = sessionOf(response);
        const scope = scopeFromForm(operator, request.body?.retailer);
        if (typeof scope === 'string') return void (response.status(400), await page(response, { problems: [scope] }));
        const types = ([] as unknown[]).concat(request.body?.eventTypes ?? []);
        try {
          const description = typeof request.body?.description === 'string' && request.body.description.trim() ? request.body.description.trim() : undefined;
          const created = await subscriptions.create({ scope, url: String(request.body?.url ?? ''), eventTypes: types as never, ...(description && { description }), createdBy: actorOf(operator) });
          await page(response, { created });
        } catch (error) {
          response.status(400);
          await page(response, { problems: problemsOf(error) });
        }
      });
      router.post('/webhooks/:id/enabled', sameOrigin, form, checkCsrf, async (request: Request<{ id: string }>, response) => {
        const id = idParam.safeParse(request.params.id);
        const updated = id.success ? await subscriptions.update(id.data, { enabled: request.body?.enabled === 'true' }, scopesOf(sessionOf(response).operator)) : undefined;
        if (!updated) return void (response.status(404), await page(response, { problems: ['No such subscription among the retailers you manage.'] }));
        response.redirect(303, '/console/webhooks?flash=updated');
      });
      router.post('/webhooks/:id/remove', sameOrigin, form, checkCsrf, async (request: Request<{ id: string }>, response) => {
        const id = idParam.safeParse(request.params.id);
        const removed = id.success && (await subscriptions.remove(id.data, scopesOf(sessionOf(response).operator)));
        if (!removed) return void (response.status(404), await page(response, { problems: ['No such subscription among the retailers you manage.'] }));
        response.redirect(303, '/console/webhooks?flash=removed');
      });
      router.get('/webhooks/deliveries/:id', async (request: Request<{ id: string }>, response) => {
        const scope = scopesOf(sessionOf(response).operator);
        const id = idParam.safeParse(request.params.id);
        const delivery = id.success ? await log.get(id.data, scope) : undefined;
        if (!delivery) return void (response.status(404), render(response, 'message.njk', { title: 'No such delivery', message: 'No webhook delivery with that id among the retailers you manage.', alert: true }));
        render(response, 'webhook-delivery.njk', { title: `Delivery ${delivery.id}`, section: 'webhooks', delivery, attempts: (await log.attempts(delivery.id, scope)) ?? [] });
      });
      router.post('/webhooks/deliveries/:id/redeliver', sameOrigin, form, checkCsrf, async (request: Request<{ id: string }>, response) => {
        const { operator } = sessionOf(response);
        const id = idParam.safeParse(request.params.id);
        const delivery = id.success ? await log.redeliver(id.data, { ...scopesOf(operator), requestedBy: actorOf(operator) }) : undefined;
        if (!delivery) return void (response.status(404), await page(response, { problems: ['No such delivery among the retailers you manage.'] }));
        response.redirect(303, '/console/webhooks?flash=redelivered');
      });
      return router;
    },
  };
}
