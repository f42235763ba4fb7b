import { z } from 'zod';
import { CHANNEL_NAMES, type ChannelName } from '../core/ports/delivery-channel.ts';
import { jsonText } from './values.ts';

const deliveryPlanSchema = z.object({
  channels: z.record(z.string(), z.record(z.string(), z.array(z.enum(CHANNEL_NAMES as [ChannelName, ...ChannelName[]])))),
  defaultLocale: z.string().optional(),
});

const DEFAULT_DELIVERY = '{"channels":{"*":{"*":["email","whatsapp","sms"]}}}';

/** E-mail over SMTP, SMS and WhatsApp over Twilio, and which of them to try for which retailer and document. */
export const deliveryVariables = {
  FOLIO_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').optional(),
  FOLIO_EMAIL_FROM: z.string().default('Folio <documents@folio.invalid>'),
  FOLIO_EMAIL_PDF: z.enum(['attach', 'link']).default('attach'),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio account SID (AC + 32 hex digits)').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_API_ORIGIN: z.url().optional(),
  FOLIO_SMS_FROM: z.string().optional(),
  FOLIO_WHATSAPP_FROM: z.string().optional(),
  /** Channels per retailer and document type, in fallback order. */
  FOLIO_DELIVERY: jsonText(deliveryPlanSchema, DEFAULT_DELIVERY).prefault(DEFAULT_DELIVERY),
  FOLIO_RECIPIENT_PEPPER: z.string().min(16, 'expected a secret of 16+ characters').optional(),
};

type Delivery = z.output<z.ZodObject<typeof deliveryVariables>>;

/** A sender needs the Twilio account it sends from. */
export function checkDelivery(config: Delivery, ctx: z.RefinementCtx): void {
  if (!(config.FOLIO_SMS_FROM || config.FOLIO_WHATSAPP_FROM)) return;
  for (const variable of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const) {
    if (!config[variable]) ctx.addIssue({ code: 'custom', path: [variable], message: 'required for SMS or WhatsApp (FOLIO_SMS_FROM, FOLIO_WHATSAPP_FROM)' });
  }
}
