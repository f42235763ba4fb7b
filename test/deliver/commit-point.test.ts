import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditTrail, listAudit } from '../../connector/audit/audit-trail.ts';
import type { Database } from '../../connector/db/database.ts';
import { OutcomeUnknownError, type Channel, type DeliverableDocument } from '../../connector/core/ports/delivery-channel.ts';
import type { DeliveryPlan } from '../../connector/deliver/channel-plan.ts';
import { deliverDocument } from '../../connector/deliver/deliver-document.ts';
import { createEmailChannel } from '../../connector/deliver/email-channel.ts';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../../connector/deliver/message-templates.ts';
import { listDeliveries } from '../../connector/deliver/outbox.ts';
import { createTwilioClient } from '../../connector/deliver/twilio-client.ts';
import { createSmsChannel } from '../../connector/deliver/twilio-channel.ts';
import { RetryableError } from '../../connector/core/errors.ts';
import { createTestDatabase } from '../audit/support/test-database.ts';
import { ACCOUNT_SID, AUTH_TOKEN, invoice } from './support/fixtures.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';
import { startTwilioWire, type TwilioWire } from './support/twilio-wire.ts';

const EMAIL = 'jana@example.de';
const PHONE = '+4915112345678';
const emailOnly: DeliveryPlan = { locale: 'en', attempts: [{ channel: 'email', address: EMAIL }] };

/**
 * The point of no return: each channel records `committing` just before the provider can accept the
 * message, so a run that dies is either before it (the message is sent again, once) or after it (the
 * provider most likely has it: it is never sent again, and the delivery says "unconfirmed").
 */
describe('delivery point of no return', () => {
  let db: Database;
  let sink: SmtpSink;
  let wire: TwilioWire;
  let email: Channel;
  let slowEmail: Channel;
  let linkEmail: Channel;
  let sms: Channel;
  const mailsFor = (document: DeliverableDocument) => sink.messages.filter((mail) => mail.subject?.includes(document.number!));
  const deliver = (document: DeliverableDocument, channels: Partial<Record<'email' | 'sms', Channel>>, plan: DeliveryPlan, leaseSeconds = 600) =>
    deliverDocument({ db, channels, plan, document, audit: createAuditTrail(db), retry: { attempts: 2 }, leaseSeconds, sleep: async () => undefined });

  beforeAll(async () => {
    [db, sink, wire] = await Promise.all([createTestDatabase(), startSmtpSink(), startTwilioWire()]);
    const templates = createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR });
    const smtp = { host: '127.0.0.1', port: sink.port, ignoreTLS: true };
    email = createEmailChannel({ smtp, from: 'documents@acme.example', templates, pdf: 'attach' });
    linkEmail = createEmailChannel({ smtp, from: 'ACME Documents <documents@acme.example>', templates, pdf: 'link' });
    // Gives up on a silent server after 400 ms: the client then cannot know whether the mail was taken.
    slowEmail = createEmailChannel({ smtp: { ...smtp, socketTimeout: 400 }, from: 'documents@acme.example', templates, pdf: 'attach' });
    sms = createSmsChannel({ client: createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiOrigin: wire.origin, timeoutMs: 400 }), from: '+14155550100', templates });
  });
  afterAll(async () => {
    await email?.close?.();
    await slowEmail?.close?.();
    await linkEmail?.close?.();
    await Promise.all([db?.close(), sink?.close(), wire?.close()]);
  });

  it('SMTP: the server gets the whole message but can accept it only after `committing` resolved', async () => {
    const document = invoice();
    let release!: () => void;
    let committingCalls = 0;
    const sending = email.send(
      { to: EMAIL, locale: 'en', document, idempotencyKey: `${document.key}|email` },
      { committing: () => ((committingCalls += 1), new Promise<void>((resolve) => (release = resolve))) },
    );
    await expect.poll(() => committingCalls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailsFor(document)).toHaveLength(0);
    release();
    await expect(sending).resolves.toMatchObject({ providerId: expect.stringMatching(/@folio>$/) });
    expect(mailsFor(document)).toHaveLength(1);
    expect(committingCalls).toBe(1);
  });

  it('SMTP: a short message reaches `committing` only inside the DATA phase, not before the transaction', async () => {
    // A link-only e-mail is a few kilobytes: small enough for a buffering transport to read it whole up front.
    const document = invoice({ bytes: undefined });
    const before = sink.dataStarted();
    let dataStartedAtCommit = -1;
    await linkEmail.send(
      { to: EMAIL, locale: 'en', document, idempotencyKey: `${document.key}|email` },
      { committing: async () => void (dataStartedAtCommit = sink.dataStarted()) },
    );
    expect(dataStartedAtCommit).toBe(before + 1);
    expect(mailsFor(document)).toHaveLength(1);
  });

  it('SMTP: when `committing` fails, the message is abandoned unsent and the send may be retried', async () => {
    const document = invoice();
    const sending = email.send({ to: EMAIL, locale: 'en', document, idempotencyKey: `${document.key}|email` }, { committing: async () => Promise.reject(new Error('database gone')) });
    await expect(sending).rejects.toBeInstanceOf(RetryableError);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailsFor(document)).toHaveLength(0);
  });

  it('a run that died after `committing` is never sent again: the delivery is unconfirmed', async () => {
    const document = invoice();
    // The first run reaches the point of no return and then never comes back (its process was killed).
    const dying: Channel = { name: 'email', send: async (_message, hooks) => (await hooks!.committing(), new Promise(() => undefined)) };
    void deliver(document, { email: dying }, emailOnly);
    await expect.poll(async () => (await listDeliveries(db, document.key))[0]?.state).toBe('committing');

    // While its lease lasts, nobody else touches it; once the lease is over, it is not sent again.
    await expect(deliver(document, { email }, emailOnly)).rejects.toBeInstanceOf(RetryableError);
    const later = await deliver(document, { email }, emailOnly, 0);
    expect(later).toMatchObject({ status: 'unconfirmed', channel: 'email' });
    expect(mailsFor(document)).toHaveLength(0);
    expect((await listDeliveries(db, document.key))[0]).toMatchObject({ state: 'unconfirmed' });
    expect(await deliver(document, { email }, emailOnly, 0)).toMatchObject({ status: 'already-sent', channel: 'email' });
    const delivered = (await listAudit(db, document.key)).filter((event) => event.step === 'delivered');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.details).toMatchObject({ unconfirmed: true });
  });

  it('a run that died before `committing` is taken over and sent, once', async () => {
    const document = invoice();
    const dying: Channel = { name: 'email', send: () => new Promise(() => undefined) };
    void deliver(document, { email: dying }, emailOnly);
    await expect.poll(async () => (await listDeliveries(db, document.key))[0]?.state).toBe('sending');
    expect(await deliver(document, { email }, emailOnly, 0)).toMatchObject({ status: 'sent', channel: 'email' });
    expect(mailsFor(document)).toHaveLength(1);
  });

  it('SMTP: the server took the message but its answer never came: unconfirmed, not sent again', async () => {
    const document = invoice();
    sink.holdReplies(true);
    try {
      const result = await deliver(document, { email: slowEmail }, emailOnly);
      expect(result).toMatchObject({ status: 'unconfirmed', channel: 'email' });
      expect(result.tried[0]!.error).toMatch(/not sent again/);
    } finally {
      sink.holdReplies(false);
    }
    expect(await deliver(document, { email }, emailOnly, 0)).toMatchObject({ status: 'already-sent' });
    expect(mailsFor(document)).toHaveLength(1);
    expect((await listDeliveries(db, document.key))[0]).toMatchObject({ state: 'unconfirmed' });
  });

  it('SMS: the request went out and the answer was lost: OutcomeUnknownError; an answered error stays retryable', async () => {
    const document = invoice();
    const message = { to: PHONE, locale: 'en', document, idempotencyKey: `${document.key}|sms` };
    wire.failNext(503, 20503, 'Service Unavailable');
    await expect(sms.send(message, { committing: async () => undefined })).rejects.toBeInstanceOf(RetryableError);
    wire.hangNext();
    await expect(sms.send(message, { committing: async () => undefined })).rejects.toBeInstanceOf(OutcomeUnknownError);
  });
});
