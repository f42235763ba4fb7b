import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { retailerScopeSchema, scopeCondition, type ScopeFilter } from '../api/retailer-scope.ts';
import { webhookEventTypeSchema, type WebhookEventType } from './event-types.ts';

export interface WebhookSubscription {
  id: string;
  accountId: string;
  retailerId: string;
  url: string;
  eventTypes: WebhookEventType[];
  description: string | null;
  /** Disabled: no new events are queued for it, and queued ones are cancelled when their turn comes. */
  enabled: boolean;
  /** `whsec_` and the first characters of the signing secret, to tell secrets apart; never the whole secret. */
  secretPrefix: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreatedSubscription {
  subscription: WebhookSubscription;
  /** The signing secret (`whsec_…`), shown once; receivers verify Folio-Signature with it. */
  secret: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or plain http to this machine only (a receiver in the same host, tests): event bodies name customers' documents. */
export const webhookUrlSchema = z
  .url('expected the receiver URL, e.g. https://erp.example.com/folio-events')
  .refine((text) => {
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'the receiver URL must use https (plain http only to localhost)');

const eventTypesSchema = z.array(webhookEventTypeSchema).min(1, 'subscribe to at least one event type').transform((types) => [...new Set(types)]);

export const createSubscriptionInputSchema = z.object({
  scope: retailerScopeSchema,
  url: webhookUrlSchema,
  eventTypes: eventTypesSchema,
  description: z.string().max(500).optional(),
  createdBy: z.string().max(200).optional(),
});
export type CreateSubscriptionInput = z.input<typeof createSubscriptionInputSchema>;

export const updateSubscriptionInputSchema = z
  .object({
    url: webhookUrlSchema,
    eventTypes: eventTypesSchema,
    description: z.string().max(500).nullable(),
    enabled: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateSubscriptionInput = z.input<typeof updateSubscriptionInputSchema>;

export interface WebhookSubscriptions {
  create(input: CreateSubscriptionInput): Promise<CreatedSubscription>;
  list(filter?: ScopeFilter): Promise<WebhookSubscription[]>;
  get(id: string, filter?: ScopeFilter): Promise<WebhookSubscription | undefined>;
  /** Undefined when no such subscription is in the caller's scopes. */
  update(id: string, patch: UpdateSubscriptionInput, filter?: ScopeFilter): Promise<WebhookSubscription | undefined>;
  /**
   * A new signing secret (shown once). The old one keeps signing too, as a second `v1` in Folio-Signature,
   * for `keepOldForSeconds` (default a day), so receivers can switch without refusing events.
   */
  rotateSecret(id: string, options?: ScopeFilter & { keepOldForSeconds?: number }): Promise<CreatedSubscription | undefined>;
  /** Stops deliveries to it (pending ones are cancelled); its delivery log stays. False when not found in scope. */
  remove(id: string, filter?: ScopeFilter): Promise<boolean>;
}

interface Row {
  id: string;
  account_id: string;
  retailer_id: string;
  url: string;
  secret: string;
  event_types: WebhookEventType[];
  description: string | null;
  enabled: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export function createWebhookSubscriptions(db: Queryable): WebhookSubscriptions {
  async function get(id: string, filter: ScopeFilter = {}) {
    const params: unknown[] = [id];
    const { rows } = await db.query<Row>(`SELECT * FROM folio_webhook_subscriptions WHERE id = $1 AND deleted_at IS NULL AND ${scopeCondition(filter.scopes, params)}`, params);
    return rows[0] && subscriptionOf(rows[0]);
  }

  return {
    get,

    async create(input) {
      const valid = createSubscriptionInputSchema.parse(input);
      const secret = newSecret();
      const { rows } = await db.query<Row>(
        `INSERT INTO folio_webhook_subscriptions (id, account_id, retailer_id, url, secret, event_types, description, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [`whsub_${randomBytes(12).toString('hex')}`, valid.scope.accountId, valid.scope.retailerId, valid.url, secret, valid.eventTypes, valid.description ?? null, valid.createdBy ?? null],
      );
      return { subscription: subscriptionOf(rows[0]!), secret };
    },

    async list(filter = {}) {
      const params: unknown[] = [];
      const { rows } = await db.query<Row>(
        `SELECT * FROM folio_webhook_subscriptions WHERE deleted_at IS NULL AND ${scopeCondition(filter.scopes, params)} ORDER BY created_at, id`,
        params,
      );
      return rows.map(subscriptionOf);
    },

    async update(id, patch, filter = {}) {
      const valid = updateSubscriptionInputSchema.parse(patch);
      const params: unknown[] = [id, valid.url ?? null, valid.eventTypes ?? null, 'description' in valid, valid.description ?? null, valid.enabled ?? null];
      const { rows } = await db.query<Row>(
        `UPDATE folio_webhook_subscriptions SET url = COALESCE($2, url), event_types = COALESCE($3, event_types),
                description = CASE WHEN $4 THEN $5 ELSE description END, enabled = COALESCE($6, enabled), updated_at = now()
          WHERE id = $1 AND deleted_at IS NULL AND ${scopeCondition(filter.scopes, params)} RETURNING *`,
        params,
      );
      return rows[0] && subscriptionOf(rows[0]);
    },

    async rotateSecret(id, options = {}) {
      const keepFor = z.number().int().min(0).max(7 * 86_400).parse(options.keepOldForSeconds ?? 86_400);
      const secret = newSecret();
      const params: unknown[] = [id, secret, keepFor];
      const { rows } = await db.query<Row>(
        `UPDATE folio_webhook_subscriptions SET previous_secret = secret, previous_secret_expires_at = now() + make_interval(secs => $3),
                secret = $2, updated_at = now()
          WHERE id = $1 AND deleted_at IS NULL AND ${scopeCondition(options.scopes, params)} RETURNING *`,
        params,
      );
      return rows[0] && { subscription: subscriptionOf(rows[0]), secret };
    },

    async remove(id, filter = {}) {
      const params: unknown[] = [id];
      const { rowCount } = await db.query(
        `UPDATE folio_webhook_subscriptions SET deleted_at = now(), enabled = false, updated_at = now()
          WHERE id = $1 AND deleted_at IS NULL AND ${scopeCondition(filter.scopes, params)}`,
        params,
      );
      return rowCount > 0;
    },
  };
}

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function subscriptionOf(row: Row): WebhookSubscription {
  return {
    id: row.id,
    accountId: row.account_id,
    retailerId: row.retailer_id,
    url: row.url,
    eventTypes: row.event_types,
    description: row.description,
    enabled: row.enabled,
    secretPrefix: row.secret.slice(0, 10),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
