import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../../connector/deliver/message-templates.ts';
import { createTwilioClient } from '../../connector/deliver/twilio-client.ts';
import { createSmsChannel, createWhatsAppChannel } from '../../connector/deliver/twilio-channel.ts';
import { PermanentError, RetryableError } from '../../connector/core/errors.ts';
import { ACCOUNT_SID, AUTH_TOKEN, invoice } from './support/fixtures.ts';
import { startTwilioWire, type TwilioWire } from './support/twilio-wire.ts';

const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;

describe('SMS and WhatsApp over Twilio’s REST wire format', () => {
  let wire: TwilioWire;
  const templates = createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR });
  const options = () => ({ client: createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiOrigin: wire.origin }), from: '+14155550100', templates });

  beforeAll(async () => {
    wire = await startTwilioWire();
  });
  afterAll(() => wire?.close());

  it('SMS: posts To, From and a localized Body with the link to the account’s Messages resource', async () => {
    const document = invoice();
    const { providerId } = await createSmsChannel(options()).send({ to: '+49 151 1234 5678', locale: 'de', document, idempotencyKey: 'k' });
    const request = wire.requests.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request.authorization).toBe(BASIC);
    expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect([...request.form.keys()].sort()).toEqual(['Body', 'From', 'To']);
    expect(request.form.get('To')).toBe('+4915112345678');
    expect(request.form.get('From')).toBe('+14155550100');
    expect(request.form.get('Body')).toBe(`Ihre Rechnung ${document.number} ist bereit: ${document.viewUrl}`);
    expect(providerId).toMatch(/^SM\d{32}$/);
  });

  it('WhatsApp: whatsapp: addresses and the document as MediaUrl', async () => {
    const document = invoice({ mediaUrl: 'https://folio.example.com/documents/download?t=media' });
    await createWhatsAppChannel(options()).send({ to: '+4915112345678', locale: 'en', document, shopper: { firstName: 'Sam' }, idempotencyKey: 'k' });
    const request = wire.requests.at(-1)!;
    expect(request.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(request.form.get('To')).toBe('whatsapp:+4915112345678');
    expect(request.form.get('From')).toBe('whatsapp:+14155550100');
    expect(request.form.getAll('MediaUrl')).toEqual(['https://folio.example.com/documents/download?t=media']);
    expect(request.form.get('Body')).toBe(`Hello Sam, here is your invoice ${document.number}.`);
  });

  it('WhatsApp in link mode: no MediaUrl, the link in the text', async () => {
    const document = invoice();
    await createWhatsAppChannel({ ...options(), document: 'link' }).send({ to: '+4915112345678', locale: 'en', document, idempotencyKey: 'k' });
    const request = wire.requests.at(-1)!;
    expect(request.form.has('MediaUrl')).toBe(false);
    expect(request.form.get('Body')).toContain(document.viewUrl);
  });

  it('WhatsApp with approved templates: ContentSid for the shopper’s language and ContentVariables instead of Body', async () => {
    const document = invoice();
    const contentSids = { de: 'HX' + 'd'.repeat(32), '*': 'HX' + 'e'.repeat(32) };
    await createWhatsAppChannel({ ...options(), contentSids }).send({ to: '+4915112345678', locale: 'de-AT', document, idempotencyKey: 'k' });
    const request = wire.requests.at(-1)!;
    expect(request.form.get('ContentSid')).toBe(contentSids.de);
    expect(JSON.parse(request.form.get('ContentVariables')!)).toEqual({ 1: document.number, 2: document.viewUrl });
    expect(request.form.has('Body')).toBe(false);
    expect(request.form.has('MediaUrl')).toBe(false);
  });

  it('refuses a number that is not E.164 before calling Twilio', async () => {
    const before = wire.requests.length;
    const sending = createSmsChannel(options()).send({ to: '0151 1234', locale: 'en', document: invoice(), idempotencyKey: 'k' });
    await expect(sending).rejects.toBeInstanceOf(PermanentError);
    await expect(sending).rejects.toThrow(/E\.164/);
    expect(wire.requests.length).toBe(before);
  });

  it.each([
    [429, 20429, 'Too Many Requests', RetryableError],
    [500, 20500, 'Internal Server Error', RetryableError],
    [503, 20503, 'Service Unavailable', RetryableError],
    [400, 21211, "The 'To' number +4915112345678 is not a valid phone number.", PermanentError],
    [401, 20003, 'Authenticate', PermanentError],
  ])('maps Twilio %i (code %i) to the right error class', async (status, code, message, expected) => {
    wire.failNext(status, code, message);
    const sending = createSmsChannel(options()).send({ to: '+4915112345678', locale: 'en', document: invoice(), idempotencyKey: 'k' });
    await expect(sending).rejects.toBeInstanceOf(expected);
    await expect(sending).rejects.not.toThrow(/4915112345678/);
  });
});
