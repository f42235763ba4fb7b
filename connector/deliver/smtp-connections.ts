import type { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';

export interface SmtpServerOptions extends SMTPConnection.Options {
  auth?: SMTPConnection.AuthenticationType;
  /** Connections open at once (default 5); sends beyond wait for one. */
  maxConnections?: number;
  /** Messages per connection before it is replaced (default 100), as nodemailer's pool does. */
  maxMessages?: number;
}

export interface SmtpConnections {
  /** One SMTP transaction. `message` is read only once the server has answered DATA with 354. */
  send(envelope: SMTPConnection.Envelope, message: Readable): Promise<SMTPConnection.SentMessageInfo>;
  close(): void;
}

interface Pooled {
  connection: SMTPConnection;
  sent: number;
  broken: boolean;
}

/**
 * A small pool of nodemailer SMTP connections. Not nodemailer's own transport: it reads the whole
 * message into its MIME pipeline before the SMTP transaction starts, so for a message of a few
 * kilobytes the end of the stream (our point of no return, email-channel.ts) came before MAIL FROM,
 * and a kill in the transaction lost the e-mail. A bare connection pipes the message only after 354.
 */
export function createSmtpConnections(options: SmtpServerOptions): SmtpConnections {
  const { auth, maxConnections = 5, maxMessages = 100, ...connectionOptions } = options;
  const idle: Pooled[] = [];
  const waiting: ((pooled: Pooled | undefined) => void)[] = [];
  let open = 0;
  let closed = false;

  async function connect(): Promise<Pooled> {
    const connection = new SMTPConnection(connectionOptions);
    const pooled: Pooled = { connection, sent: 0, broken: false };
    // Errors also reach the callbacks; an idle connection the server dropped is just left behind.
    connection.on('error', () => (pooled.broken = true));
    connection.once('end', () => {
      pooled.broken = true;
      const at = idle.indexOf(pooled);
      if (at !== -1) idle.splice(at, 1), release(undefined);
    });
    await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
    if (auth) await new Promise<void>((resolve, reject) => connection.login(auth, (error) => (error ? reject(error) : resolve())));
    return pooled;
  }

  async function acquire(): Promise<Pooled> {
    for (;;) {
      if (closed) throw new Error('smtp: the e-mail channel is closed');
      const pooled = idle.pop();
      if (pooled && !pooled.broken) return pooled;
      if (pooled) continue;
      if (open < maxConnections) {
        open++;
        try {
          return await connect();
        } catch (error) {
          release(undefined);
          throw error;
        }
      }
      const handedOn = await new Promise<Pooled | undefined>((resolve) => waiting.push(resolve));
      if (handedOn) return handedOn;
    }
  }

  /** Hands a usable connection to the next waiter (or keeps it idle); undefined: one slot fewer in use. */
  function release(pooled: Pooled | undefined): void {
    if (!pooled) open--;
    const next = waiting.shift();
    if (next) next(pooled);
    else if (pooled) idle.push(pooled);
  }

  return {
    async send(envelope, message) {
      const pooled = await acquire();
      try {
        const info = await new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) =>
          pooled.connection.send(envelope, message, (error, result) => (error ? reject(error) : resolve(result!))),
        );
        pooled.sent++;
        if (pooled.sent >= maxMessages || closed) retire(pooled);
        else release(pooled);
        return info;
      } catch (error) {
        // After a failed transaction the connection's state is unknown: never reuse it.
        pooled.broken = true;
        retire(pooled);
        throw error;
      }
    },
    close() {
      closed = true;
      for (const pooled of idle.splice(0)) pooled.connection.quit();
      for (const wake of waiting.splice(0)) wake(undefined);
    },
  };

  function retire(pooled: Pooled): void {
    if (pooled.broken) pooled.connection.close();
    else pooled.connection.quit();
    release(undefined);
  }
}
