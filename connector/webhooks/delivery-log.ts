import type { Queryable } from '../db/database.ts';
import { scopeCondition, type ScopeFilter } from '../api/retailer-scope.ts';
import type { WebhookEventType } from './event-types.ts';

export const DELIVERY_STATES = ['pending', 'retrying', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryState = (typeof DELIVERY_STATES)[number];

/** One event for one subscription. */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: WebhookEventType;
  /** The document the event is about (its API id), when there is one. */
  documentId: string | null;
  subscriptionId: string;
  url: string;
  accountId: string;
  retailerId: string;
  state: WebhookDeliveryState;
  attempts: number;
  /** The receiver's last status code; null when it never answered. */
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
  redeliveredAt: Date | null;
  redeliveredBy: string | null;
}

/** One POST of a delivery. */
export interface WebhookAttempt {
  attempt: number;
  at: Date;
  /** null: no answer (refused, timed out). */
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** Made for a redelivery an operator asked for. */
  manual: boolean;
}

export interface DeliveryListFilter extends ScopeFilter {
  subscriptionId?: string;
  eventId?: string;
  documentId?: string;
  state?: WebhookDeliveryState;
  /** Newest first; default 50, at most 500. */
  limit?: number;
}

export interface WebhookDeliveryLog {
  list(filter?: DeliveryListFilter): Promise<WebhookDelivery[]>;
  get(id: string, filter?: ScopeFilter): Promise<WebhookDelivery | undefined>;
  /** Every POST of the delivery, oldest first; undefined when the delivery is not in scope. */
  attempts(deliveryId: string, filter?: ScopeFilter): Promise<WebhookAttempt[] | undefined>;
  /**
   * Queues the delivery again, whatever its state, with a fresh set of retries (the same event id and
   * body, a new signature). Undefined when not in scope or its subscription was removed.
   */
  redeliver(deliveryId: string, options?: ScopeFilter & { requestedBy?: string }): Promise<WebhookDelivery | undefined>;
}

interface Row {
  id: string;
  event_id: string;
  event_type: WebhookEventType;
  document_id: string | null;
  subscription_id: string;
  url: string;
  account_id: string;
  retailer_id: string;
  state: WebhookDeliveryState;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
  redelivered_at: Date | null;
  redelivered_by: string | null;
}

const SELECT = `SELECT d.id, d.event_id, e.type AS event_type, e.data #>> '{document,id}' AS document_id, d.subscription_id, s.url,
       s.account_id, s.retailer_id, d.state, d.attempts, d.last_status, d.last_error, d.created_at, d.updated_at, d.delivered_at,
       d.redelivered_at, d.redelivered_by
  FROM folio_webhook_deliveries d
  JOIN folio_webhook_events e ON e.id = d.event_id
  JOIN folio_webhook_subscriptions s ON s.id = d.subscription_id`;

export function createWebhookDeliveryLog(db: Queryable): WebhookDeliveryLog {
  async function get(id: string, filter: ScopeFilter = {}) {
    const params: unknown[] = [id];
    const { rows } = await db.query<Row>(`${SELECT} WHERE d.id = $1 AND ${scopeCondition(filter.scopes, params, 's')}`, params);
    return rows[0] && deliveryOf(rows[0]);
  }

  return {
    get,

    async list(filter = {}) {
      const params: unknown[] = [];
      const where = [scopeCondition(filter.scopes, params, 's')];
      const equal = (sql: string, value: string | undefined) => {
        if (value === undefined) return;
        params.push(value);
        where.push(`${sql} = $${params.length}`);
      };
      equal('d.subscription_id', filter.subscriptionId);
      equal('d.event_id', filter.eventId);
      equal(`e.data #>> '{document,id}'`, filter.documentId);
      equal('d.state', filter.state);
      params.push(Math.min(Math.max(filter.limit ?? 50, 1), 500));
      const { rows } = await db.query<Row>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}`, params);
      return rows.map(deliveryOf);
    },

    async attempts(deliveryId, filter = {}) {
      if (!(await get(deliveryId, filter))) return undefined;
      const { rows } = await db.query<{ attempt: number; at: Date; status_code: number | null; latency_ms: number; error: string | null; manual: boolean }>(
        'SELECT attempt, at, status_code, latency_ms, error, manual FROM folio_webhook_attempts WHERE delivery_id = $1 ORDER BY id',
        [deliveryId],
      );
      return rows.map((row) => ({ attempt: row.attempt, at: row.at, statusCode: row.status_code, latencyMs: row.latency_ms, error: row.error, manual: row.manual }));
    },

    async redeliver(deliveryId, options = {}) {
      const params: unknown[] = [deliveryId, options.requestedBy ?? null];
      // enqueued_at NULL hands it to the dispatcher, which makes its queue job (webhook-dispatcher.ts).
      const { rowCount } = await db.query(
        `UPDATE folio_webhook_deliveries d SET state = 'pending', enqueued_at = NULL, redelivered_at = now(), redelivered_by = $2, updated_at = now()
           FROM folio_webhook_subscriptions s
          WHERE d.id = $1 AND s.id = d.subscription_id AND s.deleted_at IS NULL AND ${scopeCondition(options.scopes, params, 's')}`,
        params,
      );
      return rowCount > 0 ? get(deliveryId) : undefined;
    },
  };
}

function deliveryOf(row: Row): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    documentId: row.document_id,
    subscriptionId: row.subscription_id,
    url: row.url,
    accountId: row.account_id,
    retailerId: row.retailer_id,
    state: row.state,
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
    redeliveredAt: row.redelivered_at,
    redeliveredBy: row.redelivered_by,
  };
}
