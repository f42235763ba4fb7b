import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A loopback SMTP server that can go down and come back on the same port (an SMTP outage). */
export interface SmtpSink {
  port: number;
  /** Recipients of every accepted message, with the attachment names (the document's file). */
  messages: { to: string; attachments: string[] }[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startSmtpSink(port: number): Promise<SmtpSink> {
  const messages: SmtpSink['messages'] = [];
  let server: SMTPServer | undefined;
  const sink: SmtpSink = {
    port,
    messages,
    async start() {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, _session, callback) {
          simpleParser(stream)
            .then((parsed) => {
              const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(',') : (parsed.to?.text ?? '');
              messages.push({ to, attachments: parsed.attachments.map((a) => a.filename ?? '') });
              callback();
            })
            .catch(callback);
        },
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', resolve);
      });
    },
    async stop() {
      const running = server;
      server = undefined;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
  await sink.start();
  return sink;
}

/** Messages beyond the first per recipient: each load document has its own recipient. */
export function duplicateEmails(sink: SmtpSink): number {
  return sink.messages.length - new Set(sink.messages.map((m) => m.to)).size;
}
