import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { waitFor } from '../../scripts/demo/wait-for.ts';
import { describeOnBothDatabases, freshPostgresDatabase } from '../support/databases.ts';

const CHILD = fileURLToPath(new URL('./submit-child.ts', import.meta.url));
const count = async (db: { query: (sql: string) => Promise<{ rows: unknown[] }> }) => (await db.query('SELECT * FROM marks')).rows.length;

describeOnBothDatabases('Database.submit', (fresh, engine) => {
  it(engine === 'postgres' ? 'hands a statement over before the server answers' : 'hands a statement over once it is committed', async () => {
    const { db } = await fresh();
    await db.exec('CREATE TABLE marks (n int)');
    const submitted = db.submit('INSERT INTO marks SELECT 1 FROM pg_sleep(0.3)');
    await submitted.handedOver;
    // PostgreSQL is still sleeping on it; PGlite, in this process, has already committed it.
    expect(await count(db)).toBe(engine === 'postgres' ? 0 : 1);
    expect((await submitted.result).rowCount).toBe(1);
    expect(await count(db)).toBe(1);
  });

  it('fails the hand-over when the statement cannot be run', async () => {
    const { db } = await fresh();
    const submitted = db.submit('INSERT INTO no_such_table VALUES (1)');
    await expect(submitted.result).rejects.toThrow(/no_such_table/);
    if (engine === 'pglite') await expect(submitted.handedOver).rejects.toThrow(/no_such_table/);
  });
});

it('PostgreSQL commits a handed-over statement though the process that sent it was killed before the answer', async () => {
  const { db, location } = await freshPostgresDatabase();
  await db.exec('CREATE TABLE marks (n int)');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, location], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, killedBy) => resolve(killedBy)));
  expect(signal, errors).toBe('SIGKILL');
  expect(await count(db)).toBe(0);
  await waitFor('the dead process’s insert to commit', async () => ((await count(db)) === 1 ? true : undefined), 5_000);
});
