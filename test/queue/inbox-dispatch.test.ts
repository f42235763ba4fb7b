import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Database } from '../../connector/db/database.ts';
import { describeOnBothDatabases } from '../support/databases.ts';
import { queueOn, untilCounts, webhook } from './queue-fixtures.ts';

/** An inbox row as an acknowledgement leaves it, in a process that died before making its job. */
async function acceptedByADeadProcess(db: Database, eventId: string): Promise<string> {
  const { key, event, rawBody, verifiedBy } = webhook(eventId);
  const jobId = randomUUID();
  await db.query('INSERT INTO folio_inbox (key, event, raw_body, verified_by, job_id) VALUES ($1, $2::jsonb, $3, $4, $5)', [key, JSON.stringify(event), rawBody, verifiedBy, jobId]);
  return jobId;
}

describeOnBothDatabases('inbox dispatch: every acknowledged webhook becomes exactly one job', (fresh) => {
  it('makes the jobs of webhooks another process acknowledged and left, once, with the ids given at accept', async () => {
    const { db } = await fresh();
    const jobIds = await Promise.all(Array.from({ length: 30 }, (_, i) => acceptedByADeadProcess(db, `LEFT-${i}`)));
    // Acknowledged but not yet queued: they count as queued already.
    const { queue: idle } = queueOn(db);
    expect((await idle.counts()).queued).toBe(30);
    await idle.stop();

    // Two queues start on the same database at once; both dispatchers go for the same rows.
    const runs = new Map<string, number>();
    const { queue: first } = queueOn(db);
    const { queue: second } = queueOn(db);
    await Promise.all([first, second].map((queue) => queue.work(async (job) => void runs.set(job.id, (runs.get(job.id) ?? 0) + 1))));
    await untilCounts(first, { completed: 30, queued: 0, active: 0 });
    expect([...runs.keys()].sort()).toEqual([...jobIds].sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM folio_inbox WHERE queued_at IS NULL');
    expect(rows[0]!.n).toBe(0);
  });

  it('answers an accept as soon as the inbox row is committed; the job follows', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    const ran: string[] = [];
    await queue.work(async (job) => void ran.push(job.key));
    const accepted = await queue.accept(webhook('FOLLOW-1'));
    const { rows } = await db.query<{ job_id: string }>('SELECT job_id FROM folio_inbox WHERE key = $1', ['ACME|FOLLOW-1']);
    expect(rows).toEqual([{ job_id: accepted.jobId }]);
    await untilCounts(queue, { completed: 1, queued: 0 });
    expect(ran).toEqual(['ACME|FOLLOW-1']);
  });

  it('puts the event into the job it makes, so the worker need not read the inbox row back', async () => {
    const { db } = await fresh();
    const { queue, jobId, accepted } = await dispatchedJob(db, 'CARRIED-1');
    const { rows } = await db.query<{ data: { key: string; event: unknown } }>('SELECT data FROM folio_queue.job WHERE id = $1::uuid', [jobId]);
    expect(rows[0]!.data).toEqual({ key: accepted.key, event: JSON.parse(JSON.stringify(accepted.event)) });
    // The inbox row changed after dispatch: the worker still runs the event the job was made with.
    await db.query(`UPDATE folio_inbox SET event = jsonb_set(event, '{name}', '"Changed"') WHERE key = $1`, [accepted.key]);
    const seen: string[] = [];
    await queue.work(async (job) => void seen.push(job.event.name));
    await untilCounts(queue, { completed: 1 });
    expect(seen).toEqual(['OrderCreated']);
  });

  it('reads the event from the inbox for a job that carries only its key (made by an earlier version)', async () => {
    const { db } = await fresh();
    const { queue, jobId } = await dispatchedJob(db, 'KEY-ONLY-1');
    await db.query(`UPDATE folio_queue.job SET data = data - 'event' WHERE id = $1::uuid`, [jobId]);
    const seen: string[] = [];
    await queue.work(async (job) => void seen.push(`${job.key} ${job.event.entityRef}`));
    await untilCounts(queue, { completed: 1 });
    expect(seen).toEqual(['ACME|KEY-ONLY-1 O-KEY-ONLY-1']);
  });

  it('fails a job whose stored event is not a Fluent event, without retrying it', async () => {
    const { db } = await fresh();
    const { queue, jobId } = await dispatchedJob(db, 'BROKEN-1');
    await db.query(`UPDATE folio_queue.job SET data = jsonb_set(data, '{event}', '{"id": 7}') WHERE id = $1::uuid`, [jobId]);
    let runs = 0;
    await queue.work(async () => void (runs += 1));
    await untilCounts(queue, { failed: 1, queued: 0, active: 0 });
    expect(runs).toBe(0);
    const { rows } = await db.query<{ output: { error?: string } }>('SELECT output FROM folio_queue.job WHERE id = $1::uuid', [jobId]);
    expect(rows[0]!.output.error).toMatch(/PermanentError: queued event ACME\|BROKEN-1 is not a Fluent event/);
  });
});

/** A webhook accepted by a queue with no workers yet, once the dispatcher has made its job. */
async function dispatchedJob(db: Database, eventId: string) {
  const { queue } = queueOn(db);
  const accepted = webhook(eventId);
  const { jobId } = await queue.accept(accepted);
  const deadline = Date.now() + 10_000;
  while ((await db.query('SELECT 1 FROM folio_queue.job WHERE id = $1::uuid', [jobId])).rows.length === 0) {
    if (Date.now() > deadline) throw new Error(`job ${jobId} was never made`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { queue, jobId, accepted };
}
