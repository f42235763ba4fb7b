import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** Every accepted message, parsed back as a mail client would. */
  messages: ParsedMail[];
  /** Answers the next message's DATA with this reply instead of accepting it (e.g. 451, 550). */
  failNext(responseCode: number, message: string): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free loopback port, plain text (no STARTTLS), for the demo and the tests.
 * With `saveTo`, each accepted message is also written there as an .eml file a mail client opens.
 */
export async function startSmtpSink(options: { saveTo?: string } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const failures: { responseCode: number; message: string }[] = [];
  if (options.saveTo) mkdirSync(options.saveTo, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const failure = failures.shift();
            if (failure) return callback(Object.assign(new Error(failure.message), { responseCode: failure.responseCode }));
            messages.push(parsed);
            if (options.saveTo) writeFileSync(join(options.saveTo, `${String(messages.length).padStart(3, '0')}.eml`), raw);
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    port,
    messages,
    failNext: (responseCode, message) => void failures.push({ responseCode, message }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
