import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { migrate } from '../../connector/db/migrate.ts';
import { describeOnBothDatabases } from '../support/databases.ts';

async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'folio-migrations-'));
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  return dir;
}

describeOnBothDatabases('migrate', (fresh, engine) => {
  it('has applied every migration of the project, in file-name order', async () => {
    const { db } = await fresh();
    const { rows } = await db.query<{ name: string }>('SELECT name FROM folio_migrations ORDER BY applied_at, name');
    const names = rows.map((row) => row.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['001_folio_inbox.sql', '010_folio_documents.sql']));
    expect(await migrate(db)).toEqual([]);
  });

  it('applies each file once, in name order, including multi-statement scripts', async () => {
    const { db } = await fresh();
    const dir = await migrationsDir({
      '901_b.sql': 'INSERT INTO probe VALUES (2);',
      '900_a.sql': `CREATE TABLE probe (n int);
        CREATE FUNCTION probe_double(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x * 2; END $$;
        INSERT INTO probe VALUES (1);`,
    });
    expect(await migrate(db, dir)).toEqual(['900_a.sql', '901_b.sql']);
    expect(await migrate(db, dir)).toEqual([]);
    expect((await db.query('SELECT probe_double(n) AS d FROM probe ORDER BY n')).rows).toEqual([{ d: 2 }, { d: 4 }]);
  });

  it('refuses a migration that changed after it was applied', async () => {
    const { db } = await fresh();
    const dir = await migrationsDir({ '900_a.sql': 'CREATE TABLE probe (n int);' });
    await migrate(db, dir);
    await writeFile(join(dir, '900_a.sql'), 'CREATE TABLE probe (n bigint);');
    await expect(migrate(db, dir)).rejects.toThrow(/900_a.sql was changed after it was applied/);
  });

  it('applies nothing of a run that fails, and names the failing file', async () => {
    const { db } = await fresh();
    const dir = await migrationsDir({ '900_a.sql': 'CREATE TABLE probe (n int);', '901_b.sql': 'SELECT * FROM no_such_table;' });
    await expect(migrate(db, dir)).rejects.toThrow(/migration 901_b.sql failed/);
    expect((await db.query(`SELECT to_regclass('probe') IS NULL AS absent`)).rows).toEqual([{ absent: true }]);
  });

  if (engine === 'postgres') {
    it('lets two processes starting at once apply each migration exactly once', async () => {
      const { db, reopen } = await fresh();
      const other = await reopen();
      const dir = await migrationsDir({
        '900_a.sql': 'CREATE TABLE probe (n int); SELECT pg_sleep(0.3);',
        '901_b.sql': 'INSERT INTO probe VALUES (1);',
      });
      const [first, second] = await Promise.all([migrate(db, dir), migrate(other, dir)]);
      expect([...first, ...second].sort()).toEqual(['900_a.sql', '901_b.sql']);
      expect((await db.query('SELECT count(*) AS n FROM probe')).rows).toEqual([{ n: 1 }]);
    });
  }
});
