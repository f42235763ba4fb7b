import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditTrail, listAudit } from '../../connector/audit/audit-trail.ts';
import type { Database } from '../../connector/db/database.ts';
import type { Channel, DeliverableDocument } from '../../connector/core/ports/delivery-channel.ts';
import type { DeliveryPlan } from '../../connector/deliver/channel-plan.ts';
import { deliverDocument } from '../../connector/deliver/deliver-document.ts';
import { createEmailChannel } from '../../connector/deliver/email-channel.ts';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../../connector/deliver/message-templates.ts';
import { listDeliveries } from '../../connector/deliver/outbox.ts';
import { createTwilioClient } from '../../connector/deliver/twilio-client.ts';
import { createSmsChannel, createWhatsAppChannel } from '../../connector/deliver/twilio-channel.ts';
import { RetryableError } from '../../connector/core/errors.ts';
import { createTestDatabase } from '../audit/support/test-database.ts';
import { ACCOUNT_SID, AUTH_TOKEN, invoice } from './support/fixtures.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';
import { startTwilioWire, type TwilioWire } from './support/twilio-wire.ts';

const EMAIL = 'jana@example.de';
const PHONE = '+4915112345678';

describe('deliverDocument: exactly once, with retries and fallback', () => {
  let db: Database;
  let sink: SmtpSink;
  let wire: TwilioWire;
  let channels: Record<'email' | 'sms' | 'whatsapp', Channel>;

  const emailThenSms: DeliveryPlan = { locale: 'de', attempts: [{ channel: 'email', address: EMAIL }, { channel: 'sms', address: PHONE }] };
  // No real waiting between in-process retries; the policy itself is covered by its own test.
  const deliver = (document: DeliverableDocument, plan = emailThenSms, retry = { attempts: 3 }) =>
    deliverDocument({ db, channels, plan, document, audit: createAuditTrail(db), retry, sleep: async () => undefined });
  const mailsFor = (document: DeliverableDocument) => sink.messages.filter((mail) => mail.subject?.includes(document.number!));
  // Messages Twilio accepted (201): a request answered 429 was not sent.
  const smsFor = (document: DeliverableDocument) => wire.requests.filter((request) => request.status === 201 && request.form.get('Body')?.includes(document.number!));

  beforeAll(async () => {
    [db, sink, wire] = await Promise.all([createTestDatabase(), startSmtpSink(), startTwilioWire()]);
    const templates = createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR });
    const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiOrigin: wire.origin });
    channels = {
      email: createEmailChannel({ smtp: { host: '127.0.0.1', port: sink.port, ignoreTLS: true }, from: 'documents@acme.example', templates, pdf: 'attach' }),
      sms: createSmsChannel({ client, from: '+14155550100', templates }),
      whatsapp: createWhatsAppChannel({ client, from: '+14155550100', templates }),
    };
  });
  afterAll(async () => {
    await channels?.email.close?.();
    await Promise.all([db?.close(), sink?.close(), wire?.close()]);
  });

  it('SMTP 451 then success: the mail goes out once, after a recorded retry', async () => {
    const document = invoice();
    sink.failNext(451, 'Greylisted');
    const result = await deliver(document);
    expect(result).toMatchObject({ status: 'sent', channel: 'email' });
    expect(mailsFor(document)).toHaveLength(1);
    expect(await listDeliveries(db, document.key)).toMatchObject([{ channel: 'email', state: 'sent', attempts: 2, lastError: null }]);
    expect((await listAudit(db, document.key)).map((event) => event.step)).toEqual(['retried', 'delivered']);
  });

  it('SMTP 550: email fails for good and the SMS goes out instead', async () => {
    const document = invoice();
    sink.failNext(550, `No such user ${EMAIL}`);
    const result = await deliver(document);
    expect(result.status).toBe('sent');
    expect(result.channel).toBe('sms');
    expect(result.tried.map((outcome) => [outcome.channel, outcome.outcome])).toEqual([['email', 'failed'], ['sms', 'sent']]);
    expect(mailsFor(document)).toHaveLength(0);
    expect(smsFor(document)).toHaveLength(1);
    const rows = await listDeliveries(db, document.key);
    expect(rows.map((row) => [row.channel, row.state])).toEqual([['email', 'failed'], ['sms', 'sent']]);
    // The provider's reply quoted the address; neither the outbox nor the audit trail may keep it.
    expect(JSON.stringify(rows)).not.toContain(EMAIL);
    expect(JSON.stringify(await listAudit(db, document.key))).not.toContain(EMAIL);
  });

  it('Twilio 429 then success: the SMS goes out once', async () => {
    const document = invoice();
    wire.failNext(429, 20429, 'Too Many Requests');
    const result = await deliver(document, { locale: 'en', attempts: [{ channel: 'sms', address: PHONE }] });
    expect(result).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(smsFor(document)).toHaveLength(1);
    expect(wire.requests.filter((request) => request.form.get('Body')?.includes(document.number!)).map((request) => request.status)).toEqual([429, 201]);
    expect((await listDeliveries(db, document.key))[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('re-running after success sends nothing', async () => {
    const document = invoice();
    const first = await deliver(document, { locale: 'en', attempts: [{ channel: 'whatsapp', address: PHONE }] });
    const second = await deliver(document, { locale: 'en', attempts: [{ channel: 'whatsapp', address: PHONE }] });
    expect(second).toMatchObject({ status: 'already-sent', channel: 'whatsapp', providerId: first.providerId });
    expect(smsFor(document)).toHaveLength(1);
  });

  it('re-running after a permanent failure and fallback sends nothing more', async () => {
    const document = invoice();
    sink.failNext(550, 'Mailbox unavailable');
    await deliver(document);
    const again = await deliver(document);
    expect(again).toMatchObject({ status: 'already-sent', channel: 'sms' });
    expect(mailsFor(document)).toHaveLength(0);
    expect(smsFor(document)).toHaveLength(1);
  });

  it('transient failures past the retry budget: RetryableError, no fallback, and the next run sends once', async () => {
    const document = invoice();
    sink.failNext(421, 'Service not available');
    sink.failNext(421, 'Service not available');
    await expect(deliver(document, emailThenSms, { attempts: 2 })).rejects.toBeInstanceOf(RetryableError);
    expect(smsFor(document)).toHaveLength(0);
    expect((await listDeliveries(db, document.key))[0]).toMatchObject({ state: 'retrying', attempts: 2 });

    const later = await deliver(document);
    expect(later).toMatchObject({ status: 'sent', channel: 'email' });
    expect(mailsFor(document)).toHaveLength(1);
    expect((await listDeliveries(db, document.key))[0]).toMatchObject({ state: 'sent', attempts: 3 });
    expect((await listAudit(db, document.key)).map((event) => event.step)).toEqual(['retried', 'failed', 'delivered']);
  });

  it('two runs at once: one sends, the other is told to come back later', async () => {
    const document = invoice();
    const results = await Promise.allSettled([deliver(document), deliver(document)]);
    const sent = results.filter((result) => result.status === 'fulfilled' && result.value.status === 'sent');
    expect(sent).toHaveLength(1);
    const other = results.find((result) => !(result.status === 'fulfilled' && result.value.status === 'sent'))!;
    // Depending on timing the second run finds the row in flight or already sent; it never sends.
    if (other.status === 'rejected') expect(other.reason).toBeInstanceOf(RetryableError);
    else expect(other.value.status).toBe('already-sent');
    expect(mailsFor(document)).toHaveLength(1);
  });

  it('an empty plan delivers nothing and says so', async () => {
    expect(await deliver(invoice(), { locale: 'en', attempts: [] })).toEqual({ status: 'no-channel', tried: [] });
  });
});
