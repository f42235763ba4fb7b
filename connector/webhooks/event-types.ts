import { z } from 'zod';

/** The events a subscriber can receive; the triggers of migration 421 derive each from the fact it reports. */
export const WEBHOOK_EVENT_TYPES = ['document.generated', 'document.failed', 'document.delivered', 'document.revoked'] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;
