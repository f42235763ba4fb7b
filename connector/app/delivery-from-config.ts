import type { FolioConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { AuditSink } from '../core/ports/audit-sink.ts';
import type { Channel, ChannelName } from '../core/ports/delivery-channel.ts';
import { planDelivery } from '../deliver/channel-plan.ts';
import { deliverDocument } from '../deliver/deliver-document.ts';
import { createEmailChannel } from '../deliver/email-channel.ts';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../deliver/message-templates.ts';
import { createSmsChannel, createWhatsAppChannel } from '../deliver/twilio-channel.ts';
import { createTwilioClient } from '../deliver/twilio-client.ts';
import type { DocumentDelivery } from '../core/ports/document-delivery.ts';
import type { DocumentStore } from '../core/ports/document-store.ts';
import type { DeliverableDocument } from '../core/ports/delivery-channel.ts';
import type { DeliveryResult } from '../core/ports/document-delivery.ts';

/** A shopper's "send me this again" (connector/portal): one named channel, through the same outbox. */
export interface DocumentResend {
  channels(): ChannelName[];
  resend(input: { document: DeliverableDocument; channel: ChannelName; address: string; locale: string; occasion: string }): Promise<DeliveryResult>;
}

/**
 * The channels this connector can use (email when FOLIO_SMTP_URL is set; SMS and WhatsApp when Twilio
 * and a sender are set), and the plan of which to try for which retailer and document type. Undefined
 * when no channel is configured: documents are then only linked from Fluent.
 */
export function deliveryFromConfig(config: FolioConfig, deps: { db: Database; store: DocumentStore; audit: AuditSink }): (DocumentDelivery & DocumentResend) | undefined {
  const templates = createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR, defaultLocale: config.FOLIO_DEFAULT_LOCALE });
  const channels: Partial<Record<ChannelName, Channel>> = {};
  if (config.FOLIO_SMTP_URL) {
    const url = new URL(config.FOLIO_SMTP_URL);
    channels.email = createEmailChannel({
      smtp: {
        host: url.hostname,
        port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
        secure: url.protocol === 'smtps:',
        ...(url.username && { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
        // A loopback relay (the demo's sink) offers no TLS; anything else must.
        ...(['127.0.0.1', 'localhost'].includes(url.hostname) && { ignoreTLS: true }),
      },
      from: config.FOLIO_EMAIL_FROM,
      templates,
      pdf: config.FOLIO_EMAIL_PDF,
      store: deps.store,
      attachEInvoices: config.FOLIO_EMAIL_EINVOICE === 'attach',
    });
  }
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN) {
    const client = createTwilioClient({ accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, ...(config.TWILIO_API_ORIGIN && { apiOrigin: config.TWILIO_API_ORIGIN }) });
    if (config.FOLIO_SMS_FROM) channels.sms = createSmsChannel({ client, from: config.FOLIO_SMS_FROM, templates });
    if (config.FOLIO_WHATSAPP_FROM) channels.whatsapp = createWhatsAppChannel({ client, from: config.FOLIO_WHATSAPP_FROM, templates });
  }
  if (Object.keys(channels).length === 0) return undefined;

  const plan = config.FOLIO_DELIVERY;
  // Recipient hashes key the outbox, so the pepper must never change: default to the oldest link key.
  const pepper = config.FOLIO_RECIPIENT_PEPPER ?? config.FOLIO_LINK_KEYS.at(-1)!.secret;
  return {
    async deliver({ document, shopper, locale, retailer, documentType }) {
      // The shopper's own language wins over the document's (e.g. a German shopper of a UK store).
      const contact = { locale, ...shopper };
      return deliverDocument({
        db: deps.db,
        channels,
        plan: planDelivery(plan, { retailer, documentType, shopper: contact }),
        document,
        audit: deps.audit,
        recipientPepper: pepper,
        // A job runs again only after its claim expired (the run before it died or hung), so a send
        // it left half-done may be taken over then — not ten minutes later, after the job gave up.
        leaseSeconds: Math.ceil(config.FOLIO_JOB_TIMEOUT_MS / 1000),
      });
    },
    channels: () => Object.keys(channels) as ChannelName[],
    resend({ document, channel, address, locale, occasion }) {
      // One channel, the one the shopper picked, to the address on file; its own outbox row per request.
      return deliverDocument({ db: deps.db, channels, plan: { locale, attempts: [{ channel, address }] }, document, audit: deps.audit, recipientPepper: pepper, occasion, leaseSeconds: Math.ceil(config.FOLIO_JOB_TIMEOUT_MS / 1000) });
    },
    async close() {
      await Promise.all(Object.values(channels).map((channel) => channel.close?.()));
    },
  };
}
