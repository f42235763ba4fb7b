import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushed } from '../../connector/deliver/smtp-flushed.ts';

const SEND_THEN_DIE = fileURLToPath(new URL('./support/send-then-die.ts', import.meta.url));
const ATTACHMENT_BYTES = 8 * 1024 * 1024;

/** A real SMTP server that lets each message's data wait 300 ms before reading on, as a busy server does. */
async function startSlowServer() {
  const received: { subject: string; attachmentBytes: number }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.once('data', () => {
        stream.pause();
        setTimeout(() => stream.resume(), 300);
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({ subject: mail.subject ?? '', attachmentBytes: mail.attachments[0]?.size ?? 0 });
          callback();
        }, callback);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the e-mail channel at its point of no return', () => {
  let server: Awaited<ReturnType<typeof startSlowServer>>;
  beforeAll(async () => {
    server = await startSlowServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has the whole message out of the process before `committing`: killed right after it, the mail still arrives whole', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SEND_THEN_DIE], { env: { ...process.env, SMTP_PORT: String(server.port), ATTACHMENT_BYTES: String(ATTACHMENT_BYTES) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    expect(signal).toBe('SIGKILL');
    const number = /^committing (\S+)$/m.exec(stdout)?.[1];
    expect(number).toBeDefined();
    expect(stdout).not.toContain('answered');
    await expect.poll(() => server.received.find((mail) => mail.subject.includes(number!)), { timeout: 15_000 }).toMatchObject({ attachmentBytes: ATTACHMENT_BYTES });
  });

  it('refuses to call a closed connection flushed, so the send fails before its point of no return', async () => {
    const connection = new SMTPConnection({ host: '127.0.0.1', port: server.port, ignoreTLS: true });
    await new Promise<void>((resolve, reject) => connection.connect((error?: Error) => (error ? reject(error) : resolve())));
    await expect(flushed(connection)).resolves.toBeUndefined();
    connection.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(flushed(connection)).rejects.toThrow('smtp: the connection closed before the message was written');
  });
});
