import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../connector/core/ports/delivery-channel.ts';
import { createEmailChannel, type EmailChannelOptions } from '../../connector/deliver/email-channel.ts';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../../connector/deliver/message-templates.ts';
import { PermanentError, RetryableError } from '../../connector/core/errors.ts';
import { invoice, PDF } from './support/fixtures.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

describe('email channel against a real SMTP server', () => {
  let sink: SmtpSink;
  const channels: Channel[] = [];
  const templates = createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR });

  function channel(overrides: Partial<EmailChannelOptions> = {}): Channel {
    const created = createEmailChannel({
      // Loopback without TLS: the sink offers no STARTTLS and the client must not insist on it.
      smtp: { host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true },
      from: 'Folio <documents@acme.example>',
      templates,
      pdf: 'attach',
      ...overrides,
    });
    channels.push(created);
    return created;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    for (const created of channels) await created.close?.();
    await sink?.close();
  });

  it('sends to the shopper in German with the PDF attached byte for byte', async () => {
    const document = invoice();
    await channel().send({ to: 'jana@example.de', locale: 'de-DE', document, shopper: { firstName: 'Jana' }, idempotencyKey: 'k-de' });
    const mail = sink.messages.at(-1)!;
    expect(mail.to).toMatchObject({ value: [{ address: 'jana@example.de' }] });
    expect(mail.subject).toBe(`Ihre Rechnung ${document.number}`);
    expect(mail.text).toContain('Guten Tag Jana');
    expect(mail.html).toContain(`<a href="${document.viewUrl}">Online ansehen</a>`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: document.fileName, contentType: 'application/pdf' });
    expect(Buffer.compare(mail.attachments[0]!.content, PDF)).toBe(0);
  });

  it('sends in English for an English-speaking shopper, and falls back to English for unknown locales', async () => {
    const document = invoice();
    await channel().send({ to: 'sam@example.com', locale: 'en-GB', document, idempotencyKey: 'k-en' });
    expect(sink.messages.at(-1)!.subject).toBe(`Your invoice ${document.number}`);
    await channel().send({ to: 'sam@example.com', locale: 'pt-BR', document, idempotencyKey: 'k-pt' });
    expect(sink.messages.at(-1)!.subject).toBe(`Your invoice ${document.number}`);
  });

  it('sends only links when configured so', async () => {
    const document = invoice();
    await channel({ pdf: 'link' }).send({ to: 'sam@example.com', locale: 'en', document, idempotencyKey: 'k-link' });
    const mail = sink.messages.at(-1)!;
    expect(mail.attachments).toHaveLength(0);
    expect(mail.text).toContain(`Download it: ${document.downloadUrl}`);
  });

  it('uses a Message-ID derived from the idempotency key', async () => {
    await channel().send({ to: 'sam@example.com', locale: 'en', document: invoice(), idempotencyKey: 'same-key' });
    await channel().send({ to: 'sam@example.com', locale: 'en', document: invoice(), idempotencyKey: 'same-key' });
    const [first, second] = sink.messages.slice(-2);
    expect(first!.messageId).toMatch(/@folio>$/);
    expect(first!.messageId).toBe(second!.messageId);
  });

  it('signs with DKIM when given a key', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const dkim = { domainName: 'acme.example', keySelector: 'folio', privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
    await channel({ dkim }).send({ to: 'sam@example.com', locale: 'en', document: invoice(), idempotencyKey: 'k-dkim' });
    const signature = sink.messages.at(-1)!.headerLines.find((header) => header.key === 'dkim-signature')?.line ?? '';
    expect(signature).toMatch(/\bd=acme\.example;/);
    expect(signature).toMatch(/\bs=folio;/);
  });

  it('maps a 451 reply to RetryableError and a 550 reply to PermanentError, without the address in the message', async () => {
    sink.failNext(451, 'Greylisted, try again later');
    await expect(channel().send({ to: 'sam@example.com', locale: 'en', document: invoice(), idempotencyKey: 'k-451' })).rejects.toBeInstanceOf(RetryableError);
    sink.failNext(550, 'No such user sam@example.com');
    const refused = channel().send({ to: 'sam@example.com', locale: 'en', document: invoice(), idempotencyKey: 'k-550' });
    await expect(refused).rejects.toBeInstanceOf(PermanentError);
    await expect(refused).rejects.not.toThrow(/sam@example\.com/);
  });

  it('reuses one connection for a batch, and comes back after the server was down for more sends than it has connections', async () => {
    const email = channel({ smtp: { host: '127.0.0.1', port: sink.port, ignoreTLS: true, maxConnections: 2 } });
    const send = (key: string) => email.send({ to: 'sam@example.com', locale: 'en', document: invoice(), idempotencyKey: key });
    await Promise.all([send('k-batch-1'), send('k-batch-2'), send('k-batch-3')]);
    const before = sink.messages.length;

    await sink.stop();
    for (const key of ['k-down-1', 'k-down-2', 'k-down-3', 'k-down-4', 'k-down-5']) await expect(send(key)).rejects.toBeInstanceOf(RetryableError);
    await sink.start();
    await Promise.all([send('k-back-1'), send('k-back-2'), send('k-back-3')]);
    expect(sink.messages.length).toBe(before + 3);
  });
});
