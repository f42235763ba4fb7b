import type twilio from 'twilio';
import type { Channel, ChannelMessage, SendHooks } from '../core/ports/delivery-channel.ts';
import { commitPoint } from './commit-point.ts';
import { toE164 } from './e164.ts';
import type { MessageTemplates } from './message-templates.ts';
import { holdsLastByte } from './twilio-client.ts';
import { mapTwilioError } from './twilio-errors.ts';
import { holdingLastByte } from './twilio-held-request.ts';

export interface TwilioChannelOptions {
  /** Made by createTwilioClient, whose requests can hold their last byte until the point of no return. */
  client: twilio.Twilio;
  /** Sender: an E.164 number, or a Messaging Service SID (MG…) that picks the number itself. */
  from: string;
  templates: MessageTemplates;
  /**
   * `media`: the document travels as MediaUrl (WhatsApp; MMS only in the US and Canada).
   * `link`: the text carries the view link. The media URL must be reachable by Twilio without login.
   */
  document?: 'media' | 'link';
  /** Twilio's delivery status callbacks (sent, delivered, failed) for later reconciliation. */
  statusCallback?: string;
  /**
   * WhatsApp only lets a business start a conversation with a pre-approved template (free text is refused
   * outside the 24-hour window after the shopper last wrote). Content SIDs (HX…) by locale, `*` as the
   * default; the template gets {{1}} the document number and {{2}} the view link.
   */
  contentSids?: Record<string, string>;
}

/** SMS through Twilio's Messages API; the document goes as a link by default. */
export function createSmsChannel(options: TwilioChannelOptions): Channel {
  return createTwilioChannel('sms', options.document ?? 'link', options);
}

/** WhatsApp through Twilio's Messages API (`whatsapp:+E164` addresses); the PDF goes as media by default. */
export function createWhatsAppChannel(options: TwilioChannelOptions): Channel {
  return createTwilioChannel('whatsapp', options.document ?? 'media', options);
}

function createTwilioChannel(name: 'sms' | 'whatsapp', mode: 'media' | 'link', options: TwilioChannelOptions): Channel {
  if (!holdsLastByte(options.client)) throw new Error(`${name}: the Twilio client must come from createTwilioClient, which holds each request's last byte until \`committing\``);
  const address = (number: string) => (name === 'whatsapp' ? `whatsapp:${toE164(number)}` : toE164(number));
  const sender = /^MG[0-9a-f]{32}$/i.test(options.from) ? { messagingServiceSid: options.from } : { from: address(options.from) };
  return {
    name,
    async send(message: ChannelMessage, hooks?: SendHooks) {
      const media = mode === 'media';
      const body = options.templates.render(name, message.locale, { document: message.document, shopper: message.shopper ?? {}, media });
      const to = address(message.to);
      const contentSid = options.contentSids?.[message.locale] ?? options.contentSids?.[message.locale.split('-')[0]!] ?? options.contentSids?.['*'];
      const content = contentSid
        ? { contentSid, contentVariables: JSON.stringify({ 1: message.document.number ?? '', 2: message.document.viewUrl }) }
        : { body };
      const commit = commitPoint(hooks);
      try {
        // An HTTP API's point of no return is the request's last byte: connected, TLS done and all the rest
        // sent before `committing` is recorded, so a death right after the record still delivers it.
        const created = await holdingLastByte(
          () => commit.committing(),
          () =>
            options.client.messages.create({
              to,
              ...sender,
              ...content,
              // An approved template brings its own media; Twilio takes either a template or Body/MediaUrl.
              ...(media && !contentSid ? { mediaUrl: [message.document.mediaUrl ?? message.document.downloadUrl] } : {}),
              ...(options.statusCallback ? { statusCallback: options.statusCallback } : {}),
            }),
        );
        return { providerId: created.sid };
      } catch (error) {
        throw commit.failure(mapTwilioError(error), typeof (error as { status?: unknown }).status === 'number');
      }
    },
  };
}
