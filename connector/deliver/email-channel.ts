import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import DKIM from 'nodemailer/lib/dkim/index.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { PermanentError } from '../core/errors.ts';
import type { DocumentStore } from '../core/ports/document-store.ts';
import type { Channel, ChannelMessage, DeliverableDocument, SendHooks } from '../core/ports/delivery-channel.ts';
import { commitPoint } from './commit-point.ts';
import type { MessageTemplates } from './message-templates.ts';
import { createSmtpConnections, type SmtpServerOptions } from './smtp-connections.ts';
import { mapSmtpError } from './smtp-errors.ts';

export interface EmailChannelOptions {
  /** SMTP server (host, port, secure, auth, …); connections are pooled, so a batch reuses them. */
  smtp: SmtpServerOptions;
  from: string;
  replyTo?: string;
  templates: MessageTemplates;
  /** `attach`: the PDF travels with the mail; `link`: the mail only carries the view/download links. */
  pdf: 'attach' | 'link' | ((document: DeliverableDocument) => 'attach' | 'link');
  /** Where to read the PDF when the message does not carry its bytes. */
  store?: DocumentStore;
  /** Attach the document's other files (its e-invoice XML) too, when the PDF is attached (FOLIO_EMAIL_EINVOICE). */
  attachEInvoices?: boolean;
  /** DKIM signing (domainName, keySelector, privateKey), passed through to nodemailer. */
  dkim?: DKIM.Options;
}

export function createEmailChannel(options: EmailChannelOptions): Channel {
  const smtp = createSmtpConnections(options.smtp);
  const sender = envelopeAddress(options.from);
  // Signed while composing, not by the transport: the transport's signer reads the whole message
  // before sending a byte, which would put the point of no return ahead of the SMTP transaction.
  const dkim = options.dkim ? new DKIM(options.dkim) : undefined;

  async function storedBytes(key: string): Promise<Buffer> {
    if (!options.store) throw new PermanentError('email: a file is to be attached but neither its bytes nor a store were given');
    const { stream } = await options.store.open(key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async function pdfBytes(document: DeliverableDocument): Promise<Buffer> {
    return document.bytes ?? storedBytes(document.key);
  }

  async function attachments(document: DeliverableDocument) {
    const pdf = { filename: document.fileName, content: await pdfBytes(document), contentType: 'application/pdf' };
    if (!options.attachEInvoices) return [pdf];
    const others = await Promise.all((document.attachments ?? []).map(async (file) => ({ filename: file.fileName, content: await storedBytes(file.key), contentType: file.contentType })));
    return [pdf, ...others];
  }

  return {
    name: 'email',
    async send(message: ChannelMessage, hooks?: SendHooks) {
      const { document } = message;
      const attach = (typeof options.pdf === 'function' ? options.pdf(document) : options.pdf) === 'attach';
      const context = { document, shopper: message.shopper ?? {}, attached: attach };
      const mail = {
        from: options.from,
        ...(options.replyTo ? { replyTo: options.replyTo } : {}),
        to: message.to,
        subject: options.templates.render('email-subject', message.locale, context),
        html: options.templates.render('email-html', message.locale, context),
        text: options.templates.render('email-text', message.locale, context),
        // Same delivery, same Message-ID: if a crash ever makes us send twice, mail clients show it once.
        messageId: `<${createHash('sha256').update(message.idempotencyKey).digest('hex').slice(0, 32)}@folio>`,
        attachments: attach ? await attachments(document) : [],
      };
      const composed = new MailComposer(mail).compile();
      if (dkim) composed.processFunc((input) => dkim.sign(input));
      const bytes = await composed.build();
      const commit = commitPoint(hooks);
      try {
        // Everything but the "." has left this process before `committing` is recorded: a kill -9 after the
        // record then finds the message with the kernel, which still sends it. Recorded as soon as nodemailer
        // had taken the bytes, a mail whose tail still sat in Node's buffers was lost by a kill
        // (test/deliver/smtp-flushed.test.ts; once in `npm run load`, a).
        await smtp.send({ from: sender, to: [message.to] }, (wire) => endingAfter(bytes, async () => (await wire.flushed(), await commit.committing())));
        return { providerId: mail.messageId };
      } catch (error) {
        throw commit.failure(mapSmtpError(error), typeof (error as { responseCode?: unknown }).responseCode === 'number');
      }
    },
    close: () => smtp.close(),
  };
}

/**
 * The message as a stream that ends only once `committing` resolves: SMTP's point of no return is the
 * "." after the data, which nodemailer writes when this stream ends. If `committing` rejects, the stream
 * fails instead and nodemailer drops the transaction, so the server never accepts the message.
 */
function endingAfter(bytes: Buffer, committing: () => Promise<void>): Readable {
  let pushed = false;
  // highWaterMark 0: the next read (the moment to commit) comes only after the bytes were taken.
  return new Readable({
    highWaterMark: 0,
    read() {
      if (!pushed) {
        pushed = true;
        this.push(bytes);
        return;
      }
      committing().then(
        () => this.push(null),
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
}

/** The bare address of a From like "ACME Store <invoices@acme.test>", for MAIL FROM. */
function envelopeAddress(from: string): string {
  const [first] = addressparser(from, { flatten: true });
  if (!first?.address) throw new PermanentError(`email: "${from}" is not an e-mail address`);
  return first.address;
}
