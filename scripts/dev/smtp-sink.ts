import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** Every accepted message, parsed back as a mail client would. */
  messages: ParsedMail[];
  /** Transactions whose message data has begun to arrive (DATA answered with 354), accepted or not. */
  dataStarted(): number;
  /** Answers the next message's DATA with this reply instead of accepting it (e.g. 451, 550). */
  failNext(responseCode: number, message: string): void;
  /**
   * While on, a message is kept (it is in `messages`) but its "250" reply waits until holding is turned
   * off: the moment between a server taking a message and the client hearing so, where crashes hurt.
   */
  holdReplies(on: boolean): void;
  /** Goes down (an SMTP outage); start() comes back on the same port, keeping the messages. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (a free port unless one is given), plain text (no STARTTLS), for the
 * demo, the tests and the load harness. With `saveTo`, each accepted message is also written there as
 * an .eml file a mail client opens.
 */
export async function startSmtpSink(options: { saveTo?: string; port?: number } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const failures: { responseCode: number; message: string }[] = [];
  let holding = false;
  let dataStarted = 0;
  const held: (() => void)[] = [];
  if (options.saveTo) mkdirSync(options.saveTo, { recursive: true });
  let server: SMTPServer | undefined;

  const sink: SmtpSink = {
    port: options.port ?? 0,
    messages,
    dataStarted: () => dataStarted,
    failNext: (responseCode, message) => void failures.push({ responseCode, message }),
    holdReplies(on) {
      holding = on;
      if (!on) for (const reply of held.splice(0)) reply();
    },
    async start() {
      const running = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        // stop() is an outage: open sessions get "421" at once rather than 30 s to finish.
        closeTimeout: 100,
        logger: false,
        onData(stream, _session, callback) {
          dataStarted++;
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
                if (holding) held.push(() => callback());
                else callback();
              })
              .catch(callback);
          });
        },
      });
      // A client killed mid-session resets its connection (the load harness does that on purpose):
      // that client's problem, not the server's, which would otherwise throw it as an unhandled error.
      running.on('error', () => undefined);
      await new Promise<void>((resolve, reject) => {
        running.server.once('error', reject);
        running.listen(sink.port, '127.0.0.1', resolve);
      });
      server = running;
      sink.port = (running.server.address() as { port: number }).port;
    },
    async stop() {
      sink.holdReplies(false);
      const running = server;
      server = undefined;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
    close: () => sink.stop(),
  };
  await sink.start();
  return sink;
}

/** The plain text of a message's To header. */
export function recipientsOf(message: ParsedMail): string {
  const to = message.to;
  if (!to) return '';
  return Array.isArray(to) ? to.map((address) => address.text).join(',') : to.text;
}
