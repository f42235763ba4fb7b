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

/** A real SMTP server in the test process, on a free loopback port, plain text (no STARTTLS). */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const failures: { responseCode: number; message: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const failure = failures.shift();
          if (failure) return callback(Object.assign(new Error(failure.message), { responseCode: failure.responseCode }));
          messages.push(parsed);
          callback();
        })
        .catch(callback);
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
