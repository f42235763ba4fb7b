import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../support/databases.ts';
import { queueOn, webhook } from './queue-fixtures.ts';

describeOnBothDatabases('JobQueue.accept under a burst (group commit)', (fresh) => {
  it('commits a burst together: one job per event, duplicates answered with the first one\'s job', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    await queue.start();
    // 120 deliveries in one tick: 100 distinct events, 20 of them delivered twice.
    const deliveries = [...Array.from({ length: 100 }, (_, i) => webhook(`B${i}`)), ...Array.from({ length: 20 }, (_, i) => webhook(`B${i * 5}`))];
    const results = await Promise.all(deliveries.map((d) => queue.accept(d)));

    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(100);
    const jobOf = new Map(results.slice(0, 100).map((r, i) => [`B${i}`, r.jobId]));
    results.slice(100).forEach((r, i) => expect(r).toEqual({ status: 'duplicate', jobId: jobOf.get(`B${i * 5}`) }));
    expect((await queue.counts()).queued).toBe(100);
    const inbox = await db.query<{ n: number }>('select count(*)::int as n from folio_inbox');
    expect(inbox.rows[0]!.n).toBe(100);

    // A later delivery of an event from that burst is a duplicate of it too.
    expect(await queue.accept(webhook('B7'))).toEqual({ status: 'duplicate', jobId: jobOf.get('B7') });
    await queue.stop();
  });

  it('tells every sender of a batch that failed to commit, and keeps nothing of it', async () => {
    const { db } = await fresh();
    const { queue } = queueOn(db);
    await queue.start();
    // Break the batch with an event the database refuses: PostgreSQL text cannot hold a NUL character.
    const good = webhook('OK-1');
    const bad = { ...webhook('BAD-1'), rawBody: 'bad \u0000 body' };
    const outcomes = await Promise.allSettled([queue.accept(good), queue.accept(bad)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    const inbox = await db.query<{ n: number }>('select count(*)::int as n from folio_inbox');
    expect(inbox.rows[0]!.n).toBe(0);
    // The next delivery of the good event is accepted normally.
    expect((await queue.accept(good)).status).toBe('accepted');
    await queue.stop();
  });
});
