/**
 * A child process for test/deliver/smtp-flushed.test.ts: sends one e-mail with a large attachment through
 * the e-mail channel to SMTP_PORT and kills itself with SIGKILL on the first turn of the event loop after
 * its `committing` record, as a connector killed right after the point of no return would die.
 */
import { randomBytes } from 'node:crypto';
import { createEmailChannel } from '../../../connector/deliver/email-channel.ts';
import { createMessageTemplates, DEFAULT_MESSAGE_TEMPLATES_DIR } from '../../../connector/deliver/message-templates.ts';
import { invoice } from './fixtures.ts';

const port = Number(process.env.SMTP_PORT);
const bytes = randomBytes(Number(process.env.ATTACHMENT_BYTES));
const email = createEmailChannel({ smtp: { host: '127.0.0.1', port, ignoreTLS: true }, from: 'documents@acme.example', templates: createMessageTemplates({ dir: DEFAULT_MESSAGE_TEMPLATES_DIR }), pdf: 'attach' });
const document = invoice({ bytes });
await email.send(
  { to: 'jana@example.de', locale: 'en', document, idempotencyKey: `${document.key}|email` },
  {
    committing: async () => {
      process.stdout.write(`committing ${document.number}\n`);
      setImmediate(() => process.kill(process.pid, 'SIGKILL'));
    },
  },
);
process.stdout.write('answered\n');
