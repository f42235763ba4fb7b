import { startAzurite } from '../../test/store/support/azurite.ts';
import { failuresBack } from './fluent-counts.ts';
import { emit, freshDatabase, until, type Rig } from './rig.ts';
import { startSmtpSink } from '../dev/smtp-sink.ts';
import { duplicateEmails } from './duplicate-emails.ts';
import { redeliver, type CapturedWebhook } from './webhook-capture.ts';

/**
 * (e) Outages of `outageMs` each, one after the other, with `documents` documents sent into each:
 * Fluent GraphQL and Event API answering 500 or not at all; Azure blob storage (Azurite) down;
 * the SMTP server down. Every document completes after recovery, no e-mail goes twice, and a
 * document with bad data sent during the Fluent outage reaches Fluent as a failure event.
 */
export async function outageRun(rig: Rig, options: { documents: number; outageMs: number }): Promise<boolean> {
  const db = await freshDatabase();
  const smtp = await startSmtpSink();
  const azurite = await startAzurite();
  let ok = true;
  try {
    const { child, url } = await rig.connector({
      DATABASE_URL: db.url,
      FOLIO_STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      FOLIO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      // Retries every ≤ 4 s for a good minute; a Fluent call that hangs takes its 20 s timeout, so
      // claims must outlast that (or a second worker would take over a job that is only slow).
      FOLIO_MAX_ATTEMPTS: '25',
      FOLIO_RETRY_MAX_MS: '4000',
      FOLIO_JOB_TIMEOUT_MS: '90000',
    });
    const webhookUrl = `${url}/fluent/webhook`;
    const send = (webhooks: CapturedWebhook[]) => Promise.all(webhooks.map((w) => redeliver(webhookUrl, w)));

    const outages: { name: string; start(): void | Promise<void>; end(): void | Promise<void> }[] = [
      {
        name: 'fluent-graphql-and-event-api',
        start: () => {
          rig.emulator.faults.set('graphql', 'mixed');
          rig.emulator.faults.set('events', 'mixed');
        },
        end: () => rig.emulator.faults.clear(),
      },
      { name: 'storage', start: () => azurite.stop(), end: () => azurite.start() },
      { name: 'smtp', start: () => smtp.stop(), end: () => smtp.start() },
    ];
    for (const outage of outages) {
      const webhooks = await rig.captureInvoices(`OUT-${outage.name.slice(0, 5).toUpperCase()}`, options.documents);
      const bad = outage.name.startsWith('fluent') ? await rig.captureInvoices('OUT-BAD', 1, { currency: 'XYZ' }) : [];
      const refs = webhooks.map((w) => w.event.entityRef!);
      const mailsBefore = smtp.messages.length;
      await outage.start();
      const acks = await send([...webhooks, ...bad]);
      await new Promise((resolve) => setTimeout(resolve, options.outageMs));
      const duringOutage = rig.generatedCount(refs);
      await outage.end();
      const recovered = Date.now();
      const completed = await until(() => rig.generatedCount(refs) === refs.length, 180_000);
      const secondsToComplete = Math.round((Date.now() - recovered) / 100) / 10;
      await until(() => smtp.messages.length - mailsBefore >= refs.length, 60_000);
      const badRef = bad[0]?.event.entityRef;
      const badReported = badRef ? await until(() => (failuresBack(rig.emulator).get(badRef) ?? 0) === 1, 60_000) : undefined;
      const figures = {
        scenario: `e-outage-${outage.name}`,
        outageSeconds: options.outageMs / 1000,
        documents: refs.length,
        acknowledged: acks.filter((a) => a.status === 200).length,
        generatedDuringOutage: duringOutage,
        generatedAfterRecovery: rig.generatedCount(refs),
        secondsToCompleteAfterRecovery: secondsToComplete,
        emails: smtp.messages.length - mailsBefore,
        ...(badRef && { badDataFailureEventsBack: failuresBack(rig.emulator).get(badRef) ?? 0 }),
        ...(outage.name.startsWith('fluent') && { requestsRefused: rig.emulator.faults.refused() }),
      };
      const passed = completed && acks.every((a) => a.status === 200) && figures.emails === refs.length && badReported !== false;
      emit({ ...figures, ok: passed });
      ok &&= passed;
    }
    const dupes = duplicateEmails(smtp);
    emit({ scenario: 'e-outages-deliveries', emails: smtp.messages.length, duplicateEmails: dupes, ok: dupes === 0 });
    await child.kill('SIGTERM');
    return ok && dupes === 0;
  } finally {
    rig.emulator.faults.clear();
    await azurite.stop();
    await smtp.stop();
    await db.drop();
  }
}
