import { eventsBack } from './fluent-counts.ts';
import { emit, freshDatabase, until, type Rig } from './rig.ts';
import { recipientsOf, startSmtpSink } from '../dev/smtp-sink.ts';
import { duplicateEmails } from './duplicate-emails.ts';

/**
 * (a) N documents while the connector is killed with SIGKILL at `kills` random moments (and started
 * again at once): every document made once — N documents, N distinct numbers, every invoice told
 * about its document, no e-mail sent twice.
 */
export async function killRun(rig: Rig, options: { documents: number; kills: number }): Promise<boolean> {
  const started = Date.now();
  const db = await freshDatabase();
  const smtp = await startSmtpSink();
  try {
    // Claims of a killed worker come back after FOLIO_JOB_TIMEOUT_MS (+ the 1 s stale check).
    const { child, url, env } = await rig.connector({ DATABASE_URL: db.url, FOLIO_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, FOLIO_JOB_TIMEOUT_MS: '15000' });
    let current = child;
    rig.sendWebhooksTo(`${url}/fluent/webhook`);
    const creating = rig.createInvoices('KILL', options.documents);

    // Kill at random points of progress (5–90 % of the documents reported back to Fluent), so every
    // kill lands inside the run however fast the machine renders.
    const killPoints = Array.from({ length: options.kills }, () => Math.floor(options.documents * (0.05 + Math.random() * 0.85))).sort((a, b) => a - b);
    const killedAt: number[] = [];
    const killedAtDocuments: number[] = [];
    // From each kill to the new process answering: Fluent gives a webhook up after 14 s of failures.
    const restartSeconds: number[] = [];
    for (const point of killPoints) {
      const reached = await until(() => eventsBack(rig.emulator).size >= point, 120_000, 50);
      if (!reached) break;
      await current.kill('SIGKILL');
      killedAt.push(Date.now() - started);
      killedAtDocuments.push(eventsBack(rig.emulator).size);
      const restarting = Date.now();
      current = await rig.restart(env);
      restartSeconds.push(Math.round((Date.now() - restarting) / 100) / 10);
    }
    const all = await creating;
    const finished = await until(() => rig.generatedCount(all) === all.length, 300_000 + options.documents * 1_000);
    await rig.emulator.idle(60_000).catch(() => undefined);
    // Deliveries run after the report: give the last ones a moment, then stop gracefully.
    await until(() => smtp.messages.length >= all.length, 30_000);
    await current.kill('SIGTERM');

    const { rows } = await db.query<{ documents: string; numbers: string }>(
      `SELECT count(*)::text AS documents, count(DISTINCT number)::text AS numbers FROM folio_documents WHERE status = 'reported'`,
    );
    const deliveries = await db.query<{ state: string; n: string }>(`SELECT state, count(*)::text AS n FROM folio_deliveries GROUP BY state ORDER BY state`);
    // Each unconfirmed delivery: why, and whether its e-mail did reach the server (each invoice has its own recipient).
    const unconfirmed = await db.query<{ ref: string; reason: string | null }>(
      `SELECT d.entity_ref AS ref, o.last_error AS reason FROM folio_deliveries o JOIN folio_documents d ON d.storage->>'key' = o.document_key WHERE o.state = 'unconfirmed'`,
    );
    const recipients = smtp.messages.map(recipientsOf).join('\n');
    const back = eventsBack(rig.emulator);
    const entitiesTold = all.filter((ref) => (back.get(ref) ?? 0) > 0).length;
    const generatedEvents = all.reduce((sum, ref) => sum + (back.get(ref) ?? 0), 0);
    const figures = {
      scenario: 'a-kill-9',
      documentsWanted: all.length,
      kills: killedAt.length,
      killedAtMs: killedAt,
      killedAtDocuments,
      restartSeconds,
      documents: Number(rows[0]!.documents),
      distinctNumbers: Number(rows[0]!.numbers),
      invoicesGenerated: rig.generatedCount(all),
      invoicesToldByEvent: entitiesTold,
      // With e-mail delivery on, each document is reported twice (generated, then delivered).
      generatedEvents,
      emails: smtp.messages.length,
      duplicateEmails: duplicateEmails(smtp),
      // unconfirmed: a kill landed after the mail server took the mail, before its answer (not resent).
      deliveriesByState: Object.fromEntries(deliveries.rows.map((row) => [row.state, Number(row.n)])),
      unconfirmed: unconfirmed.rows.map((row) => ({ reason: row.reason, mailArrived: recipients.includes(`kill-${all.indexOf(row.ref)}@example.com`) })),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    const ok =
      finished &&
      figures.documents === all.length &&
      figures.distinctNumbers === all.length &&
      entitiesTold === all.length &&
      figures.duplicateEmails === 0 &&
      figures.emails === all.length;
    emit({ ...figures, ok });
    return ok;
  } finally {
    await smtp.stop();
    await db.drop();
  }
}
