import { randomUUID } from 'node:crypto';
import { PRESERVE_EVENT_DETAILS, WEBHOOK_RETRY_KEEPS_EVENT_ID, WEBHOOK_RETRY_METHOD_SETTING } from '../../../connector/fluent/contract.ts';
import type { FluentEvent } from '../../../connector/fluent/event-model.ts';
import { standardWebhookBody } from '../rules/core-send-webhook.ts';

export interface SentWebhook {
  /** The event the rule posted. */
  webhook: FluentEvent;
  /** The event whose ruleset ran the rule, as rules saw it. */
  triggering: FluentEvent;
  /** True for the standard core.SendWebhook rule, false for a custom rule (e.g. folio.SendDocumentWebhook). */
  standardRule: boolean;
  /** The workflow's `settings` object. */
  workflowSettings: Record<string, unknown> | undefined;
}

/**
 * What Fluent's retries of this webhook send (REFERENCE.md §1.4), or undefined when they resend the
 * first attempt's bytes. A custom rule's webhook keeps its own body on retry only under
 * `fc.rubix.sdk.webhook.retry.method: preserve-event-details`; by default the retry is rebuilt by the
 * standard SendWebhook logic from the triggering event, so attributes the custom rule added are gone.
 */
export function retriedWebhook(sent: SentWebhook): FluentEvent | undefined {
  if (sent.standardRule || sent.workflowSettings?.[WEBHOOK_RETRY_METHOD_SETTING] === PRESERVE_EVENT_DETAILS) return undefined;
  return standardWebhookBody(sent.triggering, sent.webhook.name, WEBHOOK_RETRY_KEEPS_EVENT_ID ? sent.webhook.id : randomUUID());
}
