import pg from 'pg';

/** How often Folio's sessions were found waiting on a lock, sampled from pg_stat_activity. */
export interface LockWaitFigures {
  samples: number;
  /** Of the sessions found running a statement, the share that were waiting on a lock (0–1). */
  waitingShare: number;
  /** Relations waited on, with how many samples found a session waiting on each. */
  byRelation: Record<string, number>;
}

/**
 * Samples every `everyMs` which of the database's sessions are running a statement and which of those
 * wait on a lock (a row lock shows as a wait on a transactionid or tuple, with the relation in pg_locks).
 * Contention between connector processes shows here, not in their CPU.
 */
export function startLockWaitSampler(databaseUrl: string, everyMs = 50): { stop(): Promise<LockWaitFigures> } {
  const client = new pg.Client({ connectionString: databaseUrl });
  const database = new URL(databaseUrl).pathname.slice(1);
  let samples = 0;
  let active = 0;
  let waiting = 0;
  const byRelation: Record<string, number> = {};
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query<{ waiting: boolean; relation: string | null }>(
        `SELECT a.wait_event_type = 'Lock' AS waiting,
                (SELECT l.relation::regclass::text FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted AND l.relation IS NOT NULL LIMIT 1) AS relation
           FROM pg_stat_activity a
          WHERE a.datname = $1 AND a.state = 'active' AND a.pid <> pg_backend_pid()`,
        [database],
      );
      samples++;
      active += rows.length;
      for (const row of rows.filter((each) => each.waiting)) {
        waiting++;
        const name = row.relation ?? 'a row or transaction';
        byRelation[name] = (byRelation[name] ?? 0) + 1;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await client.end();
      return { samples, waitingShare: active > 0 ? Math.round((waiting / active) * 1000) / 1000 : 0, byRelation };
    },
  };
}
