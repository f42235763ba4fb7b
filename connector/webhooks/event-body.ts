/** What a subscriber receives: the same bytes on every try of an event (only the signature's timestamp changes). */
export interface WebhookEventBody {
  id: string;
  type: string;
  /** When the fact happened (ISO 8601 with offset). */
  createdAt: string;
  accountId: string;
  retailerId: string;
  data: Record<string, unknown>;
}

export interface EventRow {
  id: string;
  type: string;
  occurred_at: Date;
  account_id: string;
  retailer_id: string;
  data: Record<string, unknown>;
}

export function eventBody(row: EventRow): string {
  const body: WebhookEventBody = {
    id: row.id,
    type: row.type,
    createdAt: row.occurred_at.toISOString(),
    accountId: row.account_id,
    retailerId: row.retailer_id,
    data: row.data,
  };
  return JSON.stringify(body);
}
