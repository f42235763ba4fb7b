import { z } from 'zod';
import { loadWebhookKeys } from '../receive/signature.ts';
import { jsonText, required, text } from './values.ts';

const WEBHOOK_KEYS_EXAMPLE = '[{"name":"sydney_sandbox","publicKeySpkiBase64":"MIGf…"}]';

const webhookKeySchema = z
  .object({ name: z.string().min(1), publicKeySpkiBase64: z.string().min(100, 'expected a base64 SPKI public key') })
  // Checked here rather than when the receiver starts, so a key that does not load stops start-up with the variable named.
  .superRefine((key, ctx) => {
    try {
      loadWebhookKeys([key]);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['publicKeySpkiBase64'], message: (error as Error).message });
    }
  });

/** The Fluent account the connector works for, and the keys its webhooks are signed with. */
export const fluentVariables = {
  FLUENT_BASE_URL: z.url(required('the Fluent account API root, e.g. https://ACME.sandbox.api.fluentretail.com')),
  FLUENT_ACCOUNT_ID: text('the Fluent account id, e.g. ACME'),
  FLUENT_RETAILER_ID: z.string().min(1).default('1'),
  FLUENT_USERNAME: text('the API user Folio signs in as'),
  FLUENT_PASSWORD: text("the API user's password"),
  FLUENT_CLIENT_ID: text("the account's OAuth client id"),
  FLUENT_CLIENT_SECRET: text("the account's OAuth client secret"),
  /** The public key of each Fluent environment that may send webhooks. */
  FLUENT_WEBHOOK_KEYS: jsonText(z.array(webhookKeySchema).min(1, 'expected at least one key'), WEBHOOK_KEYS_EXAMPLE, 'the public key of each Fluent environment'),
};
