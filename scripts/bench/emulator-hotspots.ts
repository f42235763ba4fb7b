import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphql } from 'graphql';
import { z } from 'zod';
import { FluentHttpClient } from '../../connector/fetch/fluent-http-client.ts';
import { BILLING_PARTIES_QUERY } from '../../connector/fetch/queries/billing-parties.ts';
import { INVOICE_QUERY } from '../../connector/fetch/queries/invoice.ts';
import type { FluentEvent } from '../../connector/fluent/event-model.ts';
import { createSampleInvoice } from '../demo/sample-invoice.ts';
import type { GraphqlContext } from '../emulator/graphql/context.ts';
import { emulatorSchema, GraphqlExecutor } from '../emulator/graphql/executor.ts';
import { startEmulator } from '../emulator/index.ts';
import { WebhookDeliverer } from '../emulator/webhooks/deliverer.ts';
import { createSigner } from '../emulator/webhooks/signer.ts';
import { percentile } from './stats.ts';

/**
 * `npx tsx scripts/bench/emulator-hotspots.ts`: what the emulator spends per signed webhook and per
 * GraphQL request, in this process, next to the old way of doing the same work measured in the same
 * run (a private key parsed per webhook, RSA-2048, graphql() parsing and validating every request).
 * One JSON line per case and run, then a summary of medians over the runs with their spread.
 * BENCH_RUNS (default 5) and BENCH_OPS (operations per case and run, default 400) size it.
 */
const settings = z
  .object({ BENCH_RUNS: z.coerce.number().int().min(1).default(5), BENCH_OPS: z.coerce.number().int().min(10).default(400) })
  .parse(process.env);

interface Sample {
  opsPerSecond: number;
  cpuMsPerOp: number;
}

/** Runs `op` `ops` times one after the other (after a short warm-up); wall time and this process's CPU. */
async function measure(ops: number, op: (i: number) => unknown): Promise<Sample> {
  for (let i = 0; i < Math.min(50, ops); i++) await op(i);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < ops; i++) await op(i);
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { opsPerSecond: (ops * 1000) / elapsedMs, cpuMsPerOp: (used.user + used.system) / 1000 / ops };
}

/** A webhook body the size and shape of core.SendWebhook's. */
function webhookEvent(i: number): FluentEvent {
  return {
    id: `0f4c6a0e-7d4b-4c1e-9a53-${String(i).padStart(12, '0')}`,
    name: 'FolioDocumentRequested',
    accountId: 'ACME',
    retailerId: '1',
    entityId: String(i),
    entityRef: `INV-BENCH-${i}`,
    entityType: 'INVOICE',
    entitySubtype: 'CUSTOMER',
    entityStatus: 'CREATED',
    type: 'NORMAL',
    attributes: {},
    meta: { mode: 'ASYNC', simulation: false, models: [] },
    trailLogs: [],
    errorLogs: [],
    rootEntityId: String(i),
    rootEntityType: 'BILLING_ACCOUNT',
    rootEntityRef: `BA-BENCH-${i}`,
  } as FluentEvent;
}

/** Starts a receiver that answers every POST with 200, like the connector's webhook endpoint. */
async function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume().on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fluent/webhook`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const signTwice = (body: Buffer, key: KeyObject) => [sign('sha512', body, key), sign('md5', body, key)];

async function main(): Promise<void> {
  const emulator = await startEmulator();
  const fluent = new FluentHttpClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  const sink = await startSink();
  try {
    // One invoice, and the two queries the connector sends to fetch it (the invoice, then its customer and order).
    const created = await createSampleInvoice(fluent, { retailerId: emulator.retailerId, suffix: 'BENCH' });
    await emulator.idle();
    const { invoice } = await fluent.graphql<{ invoice: { billingAccount: { customer: { ref: string } } } }>(INVOICE_QUERY, { ref: created.invoiceRef });
    const requests = [
      { source: INVOICE_QUERY, variables: { ref: created.invoiceRef } },
      {
        source: BILLING_PARTIES_QUERY,
        variables: { customerRef: invoice.billingAccount.customer.ref, orderRef: created.orderRef, withCustomer: true, withOrder: true },
      },
    ];
    const request = (i: number) => requests[i % requests.length]!;
    const context: GraphqlContext = { store: emulator.store, created: () => undefined };
    const executor = new GraphqlExecutor(context);
    const schema = emulatorSchema();

    const signer = await createSigner();
    const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const rsa2048Pem = rsa2048.export({ type: 'pkcs8', format: 'pem' });
    const bodies = Array.from({ length: settings.BENCH_OPS }, (_, i) => Buffer.from(JSON.stringify(webhookEvent(i))));
    const body = (i: number) => bodies[i % bodies.length]!;
    const deliverer = new WebhookDeliverer(signer, []);

    const cases: Record<string, () => Promise<Sample>> = {
      /** What the profile pointed at: a PEM private key parsed for every webhook (RSA-2048). */
      'sign.keyParsedPerWebhook': () => measure(settings.BENCH_OPS, (i) => signTwice(body(i), createPrivateKey(rsa2048Pem))),
      /** The emulator before this change: a parsed RSA-2048 KeyObject. */
      'sign.rsa2048KeyObject': () => measure(settings.BENCH_OPS, (i) => signTwice(body(i), rsa2048)),
      /** The emulator now: its signer (a parsed RSA-1024 KeyObject, like Fluent's key). */
      'sign.signer': () => measure(settings.BENCH_OPS, (i) => signer.headers(body(i))),
      /** A whole webhook from the deliverer (serialise, sign, POST, answer), receiver in this process too. */
      'webhook.deliver': () =>
        measure(settings.BENCH_OPS, async (i) => {
          const delivery = deliverer.deliver(sink.url, webhookEvent(i), 'bench', []);
          while (delivery.status === 'PENDING') await new Promise((resolve) => setImmediate(resolve));
        }),
      /** The old path: graphql() parses and validates every request. */
      'graphql.uncached': () =>
        measure(settings.BENCH_OPS, (i) => graphql({ schema, source: request(i).source, variableValues: request(i).variables, contextValue: context })),
      /** The emulator now: parsed and validated documents cached by query text. */
      'graphql.cached': () => measure(settings.BENCH_OPS, (i) => executor.run(request(i).source, request(i).variables)),
      /** The connector's client against the emulator over loopback HTTP (both ends in this process). */
      'graphql.http': () => measure(settings.BENCH_OPS, (i) => fluent.graphql(request(i).source, request(i).variables)),
    };

    const samples: Record<string, Sample[]> = {};
    for (let run = 1; run <= settings.BENCH_RUNS; run++)
      for (const [name, measureCase] of Object.entries(cases)) {
        const sample = await measureCase();
        (samples[name] ??= []).push(sample);
        console.log(JSON.stringify({ case: name, run, ops: settings.BENCH_OPS, opsPerSecond: round(sample.opsPerSecond), cpuMsPerOp: round(sample.cpuMsPerOp, 4) }));
      }
    await deliverer.close();

    const median = (name: string, field: keyof Sample) => percentile(sorted(samples[name]!.map((s) => s[field])), 50);
    const summary = Object.fromEntries(
      Object.keys(cases).map((name) => {
        const cpu = sorted(samples[name]!.map((s) => s.cpuMsPerOp));
        return [name, { opsPerSecond: round(median(name, 'opsPerSecond')), cpuMsPerOp: round(median(name, 'cpuMsPerOp'), 4), cpuMsPerOpSpread: [round(cpu[0]!, 4), round(cpu.at(-1)!, 4)] }];
      }),
    );
    const ratio = (before: string, after: string) => round(median(before, 'cpuMsPerOp') / median(after, 'cpuMsPerOp'), 2);
    console.log(
      JSON.stringify({
        summary: { runs: settings.BENCH_RUNS, ops: settings.BENCH_OPS, cases: summary },
        cpuRatios: {
          keyParsedPerWebhookVsSigner: ratio('sign.keyParsedPerWebhook', 'sign.signer'),
          rsa2048KeyObjectVsSigner: ratio('sign.rsa2048KeyObject', 'sign.signer'),
          graphqlUncachedVsCached: ratio('graphql.uncached', 'graphql.cached'),
        },
      }),
    );
  } finally {
    await sink.close();
    await emulator.close();
  }
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

await main();
