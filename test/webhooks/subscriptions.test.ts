import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createWebhookSubscriptions } from '../../connector/webhooks/subscriptions.ts';
import { describeOnBothDatabases } from '../support/databases.ts';

const A = { accountId: 'ACME', retailerId: '1' };
const B = { accountId: 'ACME', retailerId: '2' };

describeOnBothDatabases('webhook subscriptions', (fresh) => {
  it('creates (secret shown once), lists, updates and removes, each within the caller’s retailers', async () => {
    const { db } = await fresh();
    const subscriptions = createWebhookSubscriptions(db);
    const created = await subscriptions.create({ scope: A, url: 'https://erp.acme.example/folio', eventTypes: ['document.generated', 'document.generated', 'document.failed'], createdBy: 'ops@acme' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.subscription).toMatchObject({ accountId: 'ACME', retailerId: '1', eventTypes: ['document.generated', 'document.failed'], enabled: true, createdBy: 'ops@acme' });
    expect(created.subscription.secretPrefix).toBe(created.secret.slice(0, 10));
    expect(JSON.stringify(await subscriptions.list())).not.toContain(created.secret);
    await subscriptions.create({ scope: B, url: 'https://b.example/hook', eventTypes: ['document.revoked'] });

    expect((await subscriptions.list({ scopes: [A] })).map((s) => s.id)).toEqual([created.subscription.id]);
    expect(await subscriptions.list({ scopes: [] })).toEqual([]);
    expect(await subscriptions.list()).toHaveLength(2);

    expect(await subscriptions.update(created.subscription.id, { enabled: false }, { scopes: [B] })).toBeUndefined();
    const updated = await subscriptions.update(created.subscription.id, { enabled: false, description: 'paused for the ERP upgrade', eventTypes: ['document.delivered'] }, { scopes: [A] });
    expect(updated).toMatchObject({ enabled: false, description: 'paused for the ERP upgrade', eventTypes: ['document.delivered'], url: 'https://erp.acme.example/folio' });
    expect(await subscriptions.update(created.subscription.id, { description: null })).toMatchObject({ description: null, enabled: false });

    expect(await subscriptions.remove(created.subscription.id, { scopes: [B] })).toBe(false);
    expect(await subscriptions.remove(created.subscription.id, { scopes: [A] })).toBe(true);
    expect(await subscriptions.get(created.subscription.id)).toBeUndefined();
    expect(await subscriptions.remove(created.subscription.id)).toBe(false);
  });
});

describe('webhook subscription input', () => {
  it('refuses plain http to other hosts, no event types, unknown types and unknown fields, naming the field', async () => {
    const subscriptions = createWebhookSubscriptions({ query: () => Promise.reject(new Error('never reached: input is checked first')) });
    const issues = async (input: unknown) => {
      try {
        await subscriptions.create(input as never);
      } catch (error) {
        return (error as ZodError).issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      }
      return [];
    };
    expect(await issues({ scope: A, url: 'http://erp.example/hook', eventTypes: ['document.generated'] })).toEqual(['url: the receiver URL must use https (plain http only to localhost)']);
    expect(await issues({ scope: A, url: 'https://erp.example/hook', eventTypes: [] })).toEqual(['eventTypes: subscribe to at least one event type']);
    expect((await issues({ scope: A, url: 'https://erp.example/hook', eventTypes: ['order.created'] }))[0]).toMatch(/^eventTypes\.0: /);
    await expect(subscriptions.update('whsub_x', { secret: 'mine' } as never)).rejects.toThrow(ZodError);
  });
});
