import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type DKIM from 'nodemailer/lib/dkim/index.js';
import { PermanentError } from '../pipeline/outcome.ts';
import type { DocumentStore } from '../store/document-store.ts';
import type { Channel, ChannelMessage, DeliverableDocument } from './channel.ts';
import type { MessageTemplates } from './message-templates.ts';
import { mapSmtpError } from './smtp-errors.ts';

export interface EmailChannelOptions {
  /** SMTP server (host, port, secure, auth, …); always pooled, so a batch reuses connections. */
  smtp: Omit<SMTPPool.Options, 'pool'>;
  from: string;
  replyTo?: string;
  templates: MessageTemplates;
  /** `attach`: the PDF travels with the mail; `link`: the mail only carries the view/download links. */
  pdf: 'attach' | 'link' | ((document: DeliverableDocument) => 'attach' | 'link');
  /** Where to read the PDF when the message does not carry its bytes. */
  store?: DocumentStore;
  /** DKIM signing (domainName, keySelector, privateKey), passed through to nodemailer. */
  dkim?: DKIM.Options;
}

export function createEmailChannel(options: EmailChannelOptions): Channel {
  const transport = nodemailer.createTransport({ ...options.smtp, pool: true, ...(options.dkim ? { dkim: options.dkim } : {}) });

  async function pdfBytes(document: DeliverableDocument): Promise<Buffer> {
    if (document.bytes) return document.bytes;
    if (!options.store) throw new PermanentError('email: the PDF is to be attached but neither its bytes nor a store were given');
    const { stream } = await options.store.open(document.key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  return {
    name: 'email',
    async send(message: ChannelMessage) {
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
        attachments: attach ? [{ filename: document.fileName, content: await pdfBytes(document), contentType: 'application/pdf' }] : [],
      };
      try {
        const info = await transport.sendMail(mail);
        return { providerId: info.messageId };
      } catch (error) {
        throw mapSmtpError(error);
      }
    },
    close: () => transport.close(),
  };
}
