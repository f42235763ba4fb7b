import nodemailer, { type Transporter, type TransportOptions } from 'nodemailer';
import type twilio from 'twilio';
import { createTwilioClient } from '../deliver/twilio-client.ts';
import type { Contact } from './contact.ts';
import type { Translate } from './portal-i18n.ts';

export interface SignInMessage {
  to: Contact;
  url: string;
  brand: string;
  minutes: number;
  t: Translate;
}

/** Sends sign-in links by the channels Folio has: e-mail to addresses, SMS (else WhatsApp) to numbers. */
export interface SignInMessenger {
  send(message: SignInMessage): Promise<void>;
  close(): void;
}

export interface SignInMessengerOptions {
  smtpUrl?: string | undefined;
  emailFrom: string;
  twilio?: { accountSid: string; authToken: string; apiOrigin?: string | undefined } | undefined;
  smsFrom?: string | undefined;
  whatsappFrom?: string | undefined;
}

export function createSignInMessenger(options: SignInMessengerOptions): SignInMessenger {
  let mail: Transporter | undefined;
  if (options.smtpUrl) {
    const url = new URL(options.smtpUrl);
    // A loopback relay (the demo's and tests' sink) offers no TLS; anything else must.
    const loopback = ['127.0.0.1', 'localhost'].includes(url.hostname);
    mail = nodemailer.createTransport({ url: options.smtpUrl, ...(loopback && { ignoreTLS: true }) } as unknown as TransportOptions);
  }
  let client: twilio.Twilio | undefined;
  if (options.twilio) client = createTwilioClient(options.twilio);

  return {
    async send({ to, url, brand, minutes, t }) {
      const text = t('message.text', { brand, url, minutes });
      if (to.kind === 'email') {
        if (!mail) throw new Error('no e-mail channel configured (FOLIO_SMTP_URL)');
        await mail.sendMail({ from: options.emailFrom, to: to.address, subject: t('message.subject', { brand }), text });
        return;
      }
      if (!client) throw new Error('no SMS or WhatsApp channel configured (TWILIO_ACCOUNT_SID)');
      if (options.smsFrom) await client.messages.create({ to: to.address, from: options.smsFrom, body: text });
      else if (options.whatsappFrom) await client.messages.create({ to: `whatsapp:${to.address}`, from: options.whatsappFrom, body: text });
      else throw new Error('no SMS or WhatsApp sender configured (FOLIO_SMS_FROM, FOLIO_WHATSAPP_FROM)');
    },
    close: () => mail?.close(),
  };
}
