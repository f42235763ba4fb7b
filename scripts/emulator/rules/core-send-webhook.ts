import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SEND_WEBHOOK_KEEPS_ATTRIBUTES } from '../../../connector/fluent/contract.ts';
import { auditFailure } from './audit.ts';
import { parseProps } from './props.ts';
import type { Rule } from './rule.ts';

const props = z.object({ setting: z.string().min(1) });
/** The JSON setting core.SendWebhook reads (REFERENCE.md §1.1): the event name to send and the receiver. */
const webhookSetting = z.object({ name: z.string().min(1), url: z.url() }).loose();

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
  context.action.postWebhook(parsed.data.url, {
    ...context.event,
    id: randomUUID(),
    name: parsed.data.name,
    attributes: SEND_WEBHOOK_KEEPS_ATTRIBUTES ? context.event.attributes : {},
  });
};
