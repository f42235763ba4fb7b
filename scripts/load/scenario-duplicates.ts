import { WEBHOOK_RETRY_DELAYS_MS } from '../../connector/fluent/contract.ts';
import { eventsBack } from './fluent-counts.ts';
import { emit, freshDatabase, until, type Rig } from './rig.ts';
import { redeliver } from './webhook-capture.ts';

/** (b) One webhook 20× at once, another on Fluent's retry schedule (0, 2, 4, 8 s): one document each. */
export async function duplicateRun(rig: Rig): Promise<boolean> {
  const db = await freshDatabase();
  try {
    const { child, url } = await rig.connector({ DATABASE_URL: db.url });
    const [concurrent, scheduled] = await rig.captureInvoices('DUP', 2);
    const webhookUrl = `${url}/fluent/webhook`;
    const burst = await Promise.all(Array.from({ length: 20 }, () => redeliver(webhookUrl, concurrent!)));
    const answers = [await redeliver(webhookUrl, scheduled!)];
    for (const delay of WEBHOOK_RETRY_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      answers.push(await redeliver(webhookUrl, scheduled!));
    }
    const refs = [concurrent!.event.entityRef!, scheduled!.event.entityRef!];
    await until(() => rig.generatedCount(refs) === 2, 60_000);
    await rig.emulator.idle(30_000);
    await child.kill('SIGTERM');
    const count = async (ref: string) =>
      Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM folio_documents WHERE entity_ref = $1', [ref])).rows[0]!.n);
    const back = eventsBack(rig.emulator);
    const figures = {
      scenario: 'b-duplicate-webhooks',
      concurrentDeliveries: burst.length,
      concurrentAccepted: burst.filter((a) => a.body.status === 'accepted').length,
      concurrentDocuments: await count(refs[0]!),
      concurrentEventsBack: back.get(refs[0]!) ?? 0,
      scheduleDeliveries: answers.length,
      scheduleAccepted: answers.filter((a) => a.body.status === 'accepted').length,
      scheduleDocuments: await count(refs[1]!),
      scheduleEventsBack: back.get(refs[1]!) ?? 0,
    };
    const ok =
      burst.every((a) => a.status === 200) &&
      figures.concurrentAccepted === 1 &&
      figures.concurrentDocuments === 1 &&
      figures.scheduleAccepted === 1 &&
      figures.scheduleDocuments === 1 &&
      figures.concurrentEventsBack === 1 &&
      figures.scheduleEventsBack === 1;
    emit({ ...figures, ok });
    return ok;
  } finally {
    await db.drop();
  }
}
