import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import { openDatabase } from '../../connector/db/open-database.ts';
import { createJobQueue } from '../../connector/queue/create-job-queue.ts';
import { POSTGRES_URL } from '../support/databases.ts';

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

it('lets connector processes start at once on an empty PostgreSQL database: one installs the queue, the others find it', async () => {
  // An empty database, not the test template (which has the queue installed already).
  const name = `folio_t_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const databases = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url.toString(), poolSize: 3 })));
  const queues = databases.map((db) => createJobQueue(db));
  try {
    const started = await Promise.allSettled(queues.map((queue) => queue.start()));
    expect(started.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : 'started'))).toEqual(['started', 'started', 'started']);
    expect(await queues[0]!.counts()).toEqual({ queued: 0, active: 0, completed: 0, failed: 0 });
  } finally {
    await Promise.all(queues.map((queue) => queue.stop()));
    await Promise.all(databases.map((db) => db.close()));
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}, 60_000);
