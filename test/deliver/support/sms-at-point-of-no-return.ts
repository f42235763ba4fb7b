/**
 * A child process for test/deliver/twilio-point-of-no-return.test.ts: sends one SMS through the SMS
 * channel to the Twilio wire at TWILIO_ORIGIN (over TLS when it is https; NODE_EXTRA_CA_CERTS trusts
 * the wire's certificate). At its `committing` record it prints the document number, then either kills
 * itself with SIGKILL on the next turn of the event loop (AT_COMMIT=die), as a connector killed right
 * after the point of no return would die, or waits for a line on stdin before going on (AT_COMMIT=hold).
 */
import { createInterface } from 'node:readline';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../../../connector/deliver/message-templates.ts';
import { createTwilioClient } from '../../../connector/deliver/twilio-client.ts';
import { createSmsChannel } from '../../../connector/deliver/twilio-channel.ts';
import { ACCOUNT_SID, AUTH_TOKEN, invoice } from './fixtures.ts';

const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiOrigin: process.env.TWILIO_ORIGIN! });
const sms = createSmsChannel({ client, from: '+14155550100', templates: createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR }) });
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const document = invoice();
const sent = await sms.send(
  { to: '+4915112345678', locale: 'en', document, idempotencyKey: `${document.key}|sms` },
  {
    committing: async () => {
      process.stdout.write(`committing ${document.number}\n`);
      if (process.env.AT_COMMIT === 'die') setImmediate(() => process.kill(process.pid, 'SIGKILL'));
      else await lines.next();
    },
  },
);
process.stdout.write(`answered ${sent.providerId}\n`);
process.exit(0);
