import type { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import { flushed } from './smtp-flushed.ts';

export interface SmtpServerOptions extends SMTPConnection.Options {
  auth?: SMTPConnection.AuthenticationType;
  /** Connections open at once (default 5); sends beyond wait for one. */
  maxConnections?: number;
  /** Messages per connection before it is replaced (default 100), as nodemailer's pool does. */
  maxMessages?: number;
}

export interface SmtpConnections {
  /**
   * One SMTP transaction. `message` makes the message for the connection it goes out on; the stream is read
   * only once the server has answered DATA with 354.
   */
  send(envelope: SMTPConnection.Envelope, message: (wire: SmtpWire) => Readable): Promise<SMTPConnection.SentMessageInfo>;
  close(): void;
}

export interface SmtpWire {
  /** Resolves once every byte written so far has left this process (smtp-flushed.ts). */
  flushed(): Promise<void>;
}

interface Pooled {
  connection: SMTPConnection;
  sent: number;
  /** Closed, or to be: never used again, and its slot given back exactly once. */
  gone: boolean;
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
  const waiting: (() => void)[] = [];
  let open = 0;
  let closed = false;

  /** Frees the connection's slot (once) and lets a waiting send try again. */
  function discard(pooled: Pooled, how: 'quit' | 'close'): void {
    if (pooled.gone) return;
    pooled.gone = true;
    const at = idle.indexOf(pooled);
    if (at !== -1) idle.splice(at, 1);
    if (how === 'quit') pooled.connection.quit();
    else pooled.connection.close();
    open--;
    waiting.shift()?.();
  }

  async function connect(): Promise<Pooled> {
    const connection = new SMTPConnection(connectionOptions);
    const pooled: Pooled = { connection, sent: 0, gone: false };
    // A send hears of its own connection's errors through its callback; these catch the idle ones
    // (the server closed or dropped them) and keep an 'error' event from being unhandled.
    connection.on('error', () => idle.includes(pooled) && discard(pooled, 'close'));
    connection.once('end', () => idle.includes(pooled) && discard(pooled, 'close'));
    try {
      await step(connection, (done) => connection.connect(done));
      if (auth) await step(connection, (done) => connection.login(auth, done));
      return pooled;
    } catch (error) {
      discard(pooled, 'close');
      throw error;
    }
  }

  async function acquire(): Promise<Pooled> {
    for (;;) {
      if (closed) throw new Error('smtp: the e-mail channel is closed');
      const pooled = idle.pop();
      if (pooled) return pooled;
      if (open < maxConnections) {
        open++;
        return connect();
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  }

  function release(pooled: Pooled): void {
    if (closed || pooled.sent >= maxMessages) return discard(pooled, 'quit');
    idle.push(pooled);
    waiting.shift()?.();
  }

  return {
    async send(envelope, message) {
      const pooled = await acquire();
      try {
        const stream = message({ flushed: () => flushed(pooled.connection) });
        const info = await step<SMTPConnection.SentMessageInfo>(pooled.connection, (done) => pooled.connection.send(envelope, stream, done));
        pooled.sent++;
        release(pooled);
        return info;
      } catch (error) {
        // After a failed transaction the connection's state is unknown: never reuse it.
        discard(pooled, 'close');
        throw error;
      }
    },
    close() {
      closed = true;
      for (const pooled of [...idle]) discard(pooled, 'quit');
      for (const wake of waiting.splice(0)) wake();
    },
  };
}

/**
 * One call of a connection, as a promise. nodemailer reports some failures (a refused or dropped
 * connection) only as 'error' or 'end' events, never to the call's callback: those reject it too.
 */
function step<T>(connection: SMTPConnection, call: (done: (error?: Error | null, result?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onError = (error: Error) => finish(error);
    const onEnd = () => finish(Object.assign(new Error('smtp: the connection closed'), { code: 'ECONNECTION' }));
    const finish = (error?: Error | null, result?: T) => {
      connection.off('error', onError);
      connection.off('end', onEnd);
      if (error) reject(error);
      else resolve(result as T);
    };
    connection.once('error', onError);
    connection.once('end', onEnd);
    call(finish);
  });
}
