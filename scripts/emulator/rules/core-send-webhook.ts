import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SEND_WEBHOOK_KEEPS_ATTRIBUTES } from '../../../connector/fluent/contract.ts';
import type { FluentEvent } from '../../../connector/fluent/event-model.ts';
import { auditFailure } from './audit.ts';
import { parseProps } from './props.ts';
import type { Rule } from './rule.ts';

const props = z.object({ setting: z.string().min(1) });
/** The JSON setting core.SendWebhook reads (REFERENCE.md §1.1): the event name to send and the receiver. */
const webhookSetting = z.object({ name: z.string().min(1), url: z.url() }).loose();

/** Registry name of the standard rule; a webhook from any other rule is a custom rule's webhook. */
export const CORE_SEND_WEBHOOK = 'core.SendWebhook';

/**
 * The standard SendWebhook body: the triggering event with a fresh id and the setting's event name.
 * Fluent's default webhook retry method rebuilds a custom rule's retried webhook with this logic too.
 */
export function standardWebhookBody(triggering: FluentEvent, name: string, id: string = randomUUID()): FluentEvent {
  return { ...triggering, id, name, attributes: SEND_WEBHOOK_KEEPS_ATTRIBUTES ? triggering.attributes : {} };
}

/**
 * `core.SendWebhook {setting}`: posts the triggering event, with a fresh id and the setting's event
 * name, to the setting's URL. Without a usable setting it records a failed audit event instead, as
 * Fluent's rule does, and the ruleset carries on.
 */
export const rule: Rule = (context) => {
  const { setting } = parseProps(props, context.props, 'core.SendWebhook');
  const value = context.getSetting(setting);
  const parsed = webhookSetting.safeParse(value);
  if (!parsed.success) {
    const problem = value === undefined ? 'was not found' : 'is not a JSON {name, url}';
    context.action.log(auditFailure(`core.SendWebhook: setting '${setting}' ${problem}; no webhook sent`));
    return;
  }
  context.action.postWebhook(parsed.data.url, standardWebhookBody(context.event, parsed.data.name));
};
