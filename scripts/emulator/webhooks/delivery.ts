export interface WebhookAttempt {
  at: string;
  /** HTTP status, when the receiver answered. */
  statusCode?: number;
  /** Network error or timeout, when it did not. */
  error?: string;
  durationMs: number;
}

/**
 * One webhook: the exact bytes and headers of the first attempt, those of the retries when Fluent's
 * default retry method rebuilt them, and what each attempt got.
 */
export interface WebhookDelivery {
  /** The webhook event's id (fresh per SendWebhook, the same across retries). */
  id: string;
  name: string;
  url: string;
  sourceEventId: string;
  body: string;
  headers: Record<string, string>;
  /** Set when retries send other bytes than `body`: a custom rule's webhook rebuilt by the standard SendWebhook logic. */
  retryBody?: string;
  attempts: WebhookAttempt[];
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
}
