import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../connector/db/open-database.ts';
import { freshPostgresDatabase } from '../support/databases.ts';

it('creates, migrates and locks a new PGlite data directory, and reopens it', { timeout: 120_000 }, async () => {
  const parent = await mkdtemp(join(tmpdir(), 'folio-open-'));
  onTestFinished(() => rm(parent, { recursive: true, force: true }));
  const dataDir = join(parent, 'var', 'db');

  const db = await openDatabase({ dataDir });
  expect(db.engine).toBe('pglite');
  await db.query(`INSERT INTO folio_number_series VALUES ('S', 5)`);
  await expect(openDatabase({ dataDir })).rejects.toThrow(/already open in this process/);
  await db.close();

  const reopened = await openDatabase({ dataDir });
  onTestFinished(() => reopened.close());
  expect((await reopened.query('SELECT next_value FROM folio_number_series')).rows).toEqual([{ next_value: 5 }]);
  expect((await reopened.query('SELECT count(*) AS n FROM folio_migrations')).rows[0]).toEqual({ n: expect.any(Number) });
});

it('opens PostgreSQL when given a URL, and says so', async () => {
  const { location } = await freshPostgresDatabase();
  const db = await openDatabase({ databaseUrl: location });
  onTestFinished(() => db.close());
  expect(db.engine).toBe('postgres');
  expect((await db.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name).toMatch(/^folio_t_/);
});
