import type { ParsedMail } from 'mailparser';
import { ATTRIBUTE } from '../../../connector/fluent/contract.ts';
import { readInvoice } from '../../../scripts/demo/read-invoice.ts';
import { createSampleInvoice, type CreatedInvoice } from '../../../scripts/demo/sample-invoice.ts';
import { waitFor } from '../../../scripts/demo/wait-for.ts';
import { startSmtpSink, type SmtpSink } from '../../../scripts/dev/smtp-sink.ts';
import { startTwilioWire, type TwilioWire } from '../../deliver/support/twilio-wire.ts';
import { startLoop, type Loop } from '../../e2e/loop-harness.ts';

/** The emulator, a connector with e-mail and SMS/WhatsApp, an SMTP sink and Twilio's wire stand-in, on loopback. */
export interface PortalLoop {
  loop: Loop;
  smtp: SmtpSink;
  twilio: TwilioWire;
  /** /portal/<account>/<retailer> on the connector. */
  portalUrl: string;
  /** An invoice for this shopper, made through Fluent and delivered by the connector. */
  invoiceFor(suffix: string, email: string, attributes?: Record<string, string>): Promise<CreatedInvoice & { number: string }>;
  /** The sign-in link in the newest message to this address that has one (waits for it). */
  signInLink(email: string, after?: number): Promise<string>;
  close(): Promise<void>;
}

const ACCOUNT_SID = `AC${'0'.repeat(31)}1`;

export async function startPortalLoop(overrides: Record<string, string> = {}): Promise<PortalLoop> {
  const smtp = await startSmtpSink();
  const twilio = await startTwilioWire();
  const loop = await startLoop({
    FOLIO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    FOLIO_EMAIL_FROM: 'ACME Store <documents@acme.test>',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: 'test-auth-token',
    TWILIO_API_ORIGIN: twilio.origin,
    FOLIO_SMS_FROM: '+14155550100',
    FOLIO_WHATSAPP_FROM: 'whatsapp:+14155238886',
    FOLIO_THEMES: JSON.stringify({ '*': { brandName: 'ACME Store', primaryColor: '#0b5d3b' } }),
    ...overrides,
  });
  const to = (mail: ParsedMail) => (mail.to && 'text' in mail.to ? mail.to.text : '');
  return {
    loop,
    smtp,
    twilio,
    portalUrl: `${loop.connector.url}/portal/${loop.emulator.accountId}/${loop.emulator.retailerId}`,
    async invoiceFor(suffix, email, attributes) {
      const created = await createSampleInvoice(loop.fluent, { retailerId: loop.emulator.retailerId, suffix, customer: { firstName: 'Grace', lastName: 'Hopper', email, ...(attributes && { attributes }) } });
      const state = await waitFor(`invoice ${created.invoiceRef} to be delivered`, async () => {
        const invoice = await readInvoice(loop.fluent, created.invoiceRef);
        return invoice?.attributes[ATTRIBUTE.deliveryStatus] ? invoice : undefined;
      });
      return { ...created, number: String(state.attributes[ATTRIBUTE.documentNumber]) };
    },
    async signInLink(email, after = 0) {
      const mail = await waitFor(`a sign-in link for ${email}`, async () =>
        smtp.messages.slice(after).filter((message) => to(message).includes(email) && /\/magic\?t=/.test(message.text ?? '')).at(-1),
      );
      return /(https?:\/\/\S+\/magic\?t=\S+)/.exec(mail.text ?? '')![1]!;
    },
    async close() {
      await loop.close();
      await twilio.close();
      await smtp.close();
    },
  };
}
