import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryableError } from '../../connector/core/errors.ts';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../../connector/deliver/message-templates.ts';
import { createTwilioClient } from '../../connector/deliver/twilio-client.ts';
import { createSmsChannel } from '../../connector/deliver/twilio-channel.ts';
import { ACCOUNT_SID, AUTH_TOKEN, invoice } from './support/fixtures.ts';
import { startTwilioWire, type TwilioWire } from './support/twilio-wire.ts';

const SMS_AT_POINT_OF_NO_RETURN = fileURLToPath(new URL('./support/sms-at-point-of-no-return.ts', import.meta.url));
const templates = createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR });
const smsOver = (origin: string) => createSmsChannel({ client: createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiOrigin: origin }), from: '+14155550100', templates });
const message = (document = invoice()) => ({ to: '+4915112345678', locale: 'en', document, idempotencyKey: `${document.key}|sms` });

/** A throwaway certificate for 127.0.0.1, so the wire speaks TLS as api.twilio.com does. */
function makeCertificate(dir: string) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8'), certFile: cert };
}

/**
 * Twilio's point of no return is the request's last byte. The channel connects, negotiates TLS and sends
 * all the rest before its `committing` record, and the last byte right after it.
 */
describe('SMS and WhatsApp at their point of no return', () => {
  let dir: string;
  let certFile: string;
  const wires: Record<'http' | 'https', TwilioWire> = {} as never;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'folio-twilio-tls-'));
    const certificate = makeCertificate(dir);
    certFile = certificate.certFile;
    [wires.http, wires.https] = await Promise.all([startTwilioWire(), startTwilioWire({ tls: certificate })]);
  });
  afterAll(async () => {
    await Promise.all(Object.values(wires).map((wire) => wire.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function startChild(wire: TwilioWire, atCommit: 'die' | 'hold') {
    const child = spawn(process.execPath, ['--import', 'tsx', SMS_AT_POINT_OF_NO_RETURN], {
      env: { ...process.env, TWILIO_ORIGIN: wire.origin, AT_COMMIT: atCommit, NODE_EXTRA_CA_CERTS: certFile },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    return { child, stdout: () => stdout, exited };
  }
  const sentFor = (wire: TwilioWire, number: string) => wire.requests.find((request) => request.form.get('Body')?.includes(number) && request.status === 201);

  it.each(['http', 'https'] as const)('%s: killed on the turn after `committing`, the message is still created', async (scheme) => {
    const wire = wires[scheme];
    const run = startChild(wire, 'die');
    expect((await run.exited).signal).toBe('SIGKILL');
    const number = /^committing (\S+)$/m.exec(run.stdout())?.[1];
    expect(number).toBeDefined();
    expect(run.stdout()).not.toContain('answered');
    await expect.poll(() => sentFor(wire, number!), { timeout: 5_000 }).toBeDefined();
  });

  it.each(['http', 'https'] as const)('%s: until `committing` resolves, the wire has all but the last byte and no message', async (scheme) => {
    const wire = wires[scheme];
    const run = startChild(wire, 'hold');
    await expect.poll(() => /^committing (\S+)$/m.exec(run.stdout())?.[1], { timeout: 15_000 }).toBeDefined();
    const number = /^committing (\S+)$/m.exec(run.stdout())![1]!;
    await expect.poll(() => wire.arriving()).toEqual([{ received: expect.any(Number), contentLength: expect.any(Number) }]);
    const [progress] = wire.arriving();
    expect(progress!.received).toBe(progress!.contentLength - 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(wire.arriving()).toEqual([progress]);
    expect(sentFor(wire, number)).toBeUndefined();

    run.child.stdin.write('go\n');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const sid = /^answered (SM\d{32})$/m.exec(run.stdout())?.[1];
    expect(sid).toBeDefined();
    expect(sentFor(wire, number)).toBeDefined();
    expect(wire.arriving()).toEqual([]);
  });

  it('when `committing` fails, the request is cut short: no message, and the send may be retried', async () => {
    const wire = wires.http;
    const sms = smsOver(wire.origin);
    const cutShort = wire.cutShort;
    const created = wire.requests.length;
    await expect(sms.send(message(), { committing: async () => Promise.reject(new Error('database gone')) })).rejects.toSatisfy((error) => error instanceof RetryableError && /database gone/.test(error.message));
    await expect.poll(() => wire.cutShort).toBe(cutShort + 1);
    expect(wire.requests.length).toBe(created);
  });

  it('sends each message on a new connection, never on one an earlier request left open', async () => {
    const wire = wires.http;
    const sms = smsOver(wire.origin);
    const before = wire.requests.length;
    for (let i = 0; i < 3; i += 1) await sms.send(message(), { committing: async () => undefined });
    const connections = wire.requests.slice(before).map((request) => request.connection);
    expect(connections).toHaveLength(3);
    expect(new Set(connections).size).toBe(3);
  });

  it('when Twilio cannot be reached, `committing` is never recorded and the send may be retried', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const sms = smsOver(`http://127.0.0.1:${port}`);
    let committingCalls = 0;
    await expect(sms.send(message(), { committing: async () => void (committingCalls += 1) })).rejects.toBeInstanceOf(RetryableError);
    expect(committingCalls).toBe(0);
  });

  it('refuses a Twilio client that cannot hold the last byte', () => {
    expect(() => createSmsChannel({ client: twilio(ACCOUNT_SID, AUTH_TOKEN), from: '+14155550100', templates })).toThrow(/must come from createTwilioClient/);
  });
});
