import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { DELIVERY_STATES, createWebhookDeliveryLog, type WebhookDeliveryState } from '../../webhooks/delivery-log.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../webhooks/event-types.ts';
import { createWebhookSubscriptions } from '../../webhooks/subscriptions.ts';
import { UsageError, type Command } from '../command.ts';
import { databaseFromEnv } from '../database-from-env.ts';
import { RETAILER_OPTIONS, RETAILER_USAGE, retailerFrom, table } from './retailer-options.ts';

const DATABASE_NOTE = 'Uses DATABASE_URL, else the embedded database under FOLIO_DATA_DIR (default var).';

export const webhooksAddCommand: Command = {
  path: ['webhooks', 'add'],
  summary: 'Subscribe a URL to document events of one retailer (the signing secret is shown once)',
  usage: [
    'Usage: folio webhooks add --retailer ID [--account ID] --url URL [--events TYPE,…] [--description TEXT] [--by WHO]',
    '',
    'Folio POSTs each event as JSON, signed in the Folio-Signature header (README, "Outbound webhooks").',
    ...RETAILER_USAGE,
    '  --url URL       https (plain http only to localhost)',
    `  --events …      comma-separated, default all: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    '',
    DATABASE_NOTE,
  ].join('\n'),
  async run(args) {
    const { values } = parseArgs({ args, options: { ...RETAILER_OPTIONS, url: { type: 'string' }, events: { type: 'string' }, description: { type: 'string' }, by: { type: 'string' } } });
    const scope = retailerFrom(values, true);
    if (!values.url) throw new UsageError('name the receiver with --url');
    const eventTypes = (values.events?.split(',').map((type) => type.trim()).filter(Boolean) ?? [...WEBHOOK_EVENT_TYPES]) as WebhookEventType[];
    const db = await databaseFromEnv();
    try {
      const { subscription, secret } = await createWebhookSubscriptions(db).create({
        scope, url: values.url, eventTypes, ...(values.description && { description: values.description }), ...(values.by && { createdBy: values.by }),
      });
      console.log(`subscription ${subscription.id}: ${subscription.eventTypes.join(', ')} → ${subscription.url}\n\nsigning secret:\n\n  ${secret}\n\nStore it now: it is not shown again.`);
      return 0;
    } catch (error) {
      if (error instanceof ZodError) throw new UsageError(error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      throw error;
    } finally {
      await db.close();
    }
  },
};

export const webhooksListCommand: Command = {
  path: ['webhooks', 'list'],
  summary: 'List webhook subscriptions (never their secrets)',
  usage: ['Usage: folio webhooks list [--retailer ID [--account ID]] [--json]', '', ...RETAILER_USAGE, '  --json          one JSON array', '', DATABASE_NOTE].join('\n'),
  async run(args) {
    const { values } = parseArgs({ args, options: { ...RETAILER_OPTIONS, json: { type: 'boolean', default: false } } });
    const scope = retailerFrom(values, false);
    const db = await databaseFromEnv();
    try {
      const subscriptions = await createWebhookSubscriptions(db).list(scope ? { scopes: [scope] } : {});
      if (values.json) console.log(JSON.stringify(subscriptions));
      else if (subscriptions.length === 0) console.log('no webhook subscriptions');
      else {
        console.log(table(
          ['ID', 'RETAILER', 'URL', 'EVENTS', 'ENABLED', 'SECRET'],
          subscriptions.map((s) => [s.id, `${s.accountId}:${s.retailerId}`, s.url, s.eventTypes.join(','), s.enabled ? 'yes' : 'no', `${s.secretPrefix}…`]),
        ));
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const webhooksRemoveCommand: Command = {
  path: ['webhooks', 'remove'],
  summary: 'Remove a webhook subscription (deliveries not yet made are cancelled; the log stays)',
  usage: ['Usage: folio webhooks remove <subscription id>', '', DATABASE_NOTE].join('\n'),
  async run(args) {
    const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('name one subscription id (see folio webhooks list)');
    const db = await databaseFromEnv();
    try {
      if (!(await createWebhookSubscriptions(db).remove(positionals[0]!))) {
        console.error(`no webhook subscription ${positionals[0]}`);
        return 1;
      }
      console.log(`subscription ${positionals[0]} removed`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const webhooksLogCommand: Command = {
  path: ['webhooks', 'log'],
  summary: 'The delivery log: each event sent to a subscriber, its state and tries',
  usage: [
    'Usage: folio webhooks log [--subscription ID] [--event ID] [--state STATE] [--limit N] [--attempts] [--json]',
    '',
    `  --state STATE   one of ${DELIVERY_STATES.join(', ')}`,
    '  --attempts      each try too: when, status code, latency, error',
    '',
    DATABASE_NOTE,
  ].join('\n'),
  async run(args) {
    const { values } = parseArgs({ args, options: { subscription: { type: 'string' }, event: { type: 'string' }, state: { type: 'string' }, limit: { type: 'string' }, attempts: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
    if (values.state && !DELIVERY_STATES.includes(values.state as WebhookDeliveryState)) throw new UsageError(`--state is one of ${DELIVERY_STATES.join(', ')}`);
    const db = await databaseFromEnv();
    try {
      const log = createWebhookDeliveryLog(db);
      const deliveries = await log.list({
        ...(values.subscription && { subscriptionId: values.subscription }),
        ...(values.event && { eventId: values.event }),
        ...(values.state && { state: values.state as WebhookDeliveryState }),
        ...(values.limit && { limit: Number(values.limit) }),
      });
      const withAttempts = await Promise.all(deliveries.map(async (delivery) => ({ ...delivery, ...(values.attempts && { attemptLog: await log.attempts(delivery.id) }) })));
      if (values.json) {
        console.log(JSON.stringify(withAttempts));
        return 0;
      }
      if (deliveries.length === 0) console.log('no deliveries');
      for (const delivery of withAttempts) {
        console.log(`${delivery.id}  ${delivery.eventType}  ${delivery.eventId}  ${delivery.state}  tries ${delivery.attempts}  last ${delivery.lastStatus ?? '—'}  → ${delivery.url}`);
        for (const attempt of delivery.attemptLog ?? []) {
          console.log(`    #${attempt.attempt}  ${attempt.at.toISOString()}  ${attempt.statusCode ?? 'no answer'}  ${attempt.latencyMs} ms${attempt.manual ? '  (redelivery)' : ''}${attempt.error ? `  ${attempt.error}` : ''}`);
        }
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const webhooksRedeliverCommand: Command = {
  path: ['webhooks', 'redeliver'],
  summary: 'Send a delivery again (same event, new signature), whatever its state',
  usage: ['Usage: folio webhooks redeliver <delivery id> [--by WHO]', '', 'A running connector sends it within FOLIO_OUTBOUND_POLL_MS.', '', DATABASE_NOTE].join('\n'),
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { by: { type: 'string' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('name one delivery id (see folio webhooks log)');
    const db = await databaseFromEnv();
    try {
      const delivery = await createWebhookDeliveryLog(db).redeliver(positionals[0]!, values.by ? { requestedBy: values.by } : {});
      if (!delivery) {
        console.error(`no delivery ${positionals[0]} (or its subscription was removed)`);
        return 1;
      }
      console.log(`delivery ${delivery.id} of ${delivery.eventType} ${delivery.eventId} queued again → ${delivery.url}`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const webhooksRotateSecretCommand: Command = {
  path: ['webhooks', 'rotate-secret'],
  summary: 'Give a subscription a new signing secret (shown once); the old one also signs for a while',
  usage: [
    'Usage: folio webhooks rotate-secret <subscription id> [--keep-old SECONDS]',
    '',
    'Until the old secret expires, Folio-Signature carries two v1 signatures, one per secret, so the',
    'receiver can switch to the new secret without refusing events.',
    '  --keep-old SECONDS   how long the old secret keeps signing (default 86400, at most 604800; 0: not at all)',
    '',
    DATABASE_NOTE,
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { 'keep-old': { type: 'string' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('name one subscription id (see folio webhooks list)');
    const keepOld = values['keep-old'] === undefined ? undefined : Number(values['keep-old']);
    if (keepOld !== undefined && !(Number.isInteger(keepOld) && keepOld >= 0 && keepOld <= 604_800)) throw new UsageError('--keep-old is a whole number of seconds, 0 to 604800');
    const db = await databaseFromEnv();
    try {
      const rotated = await createWebhookSubscriptions(db).rotateSecret(positionals[0]!, keepOld === undefined ? {} : { keepOldForSeconds: keepOld });
      if (!rotated) {
        console.error(`no webhook subscription ${positionals[0]}`);
        return 1;
      }
      console.log(`new signing secret of ${rotated.subscription.id}:\n\n  ${rotated.secret}\n\nStore it now: it is not shown again.`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
