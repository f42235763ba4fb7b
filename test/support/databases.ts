/**
 * Fresh, isolated databases for tests, on both engines Folio runs on.
 *
 *   const { db } = await freshDatabase('pglite');            // or 'postgres'
 *   describeOnBothDatabases('my store', (fresh) => {
 *     it('…', async () => { const { db } = await fresh(); … });
 *   });
 *
 * Every database has all migrations applied and the job queue's tables installed. Called inside a
 * test, it is closed and deleted when the test ends; called elsewhere (beforeAll), call dispose().
 *
 * Speed: both engines start from a template built once per schema version (a hash of the migration
 * files and the PGlite and pg-boss versions). PGlite: a data-directory snapshot cached under
 * var/test-cache (initdb takes 5–14 s; loading the snapshot about 1 s). PostgreSQL: a template
 * database `folio_tpl_<hash>`, copied by CREATE DATABASE … TEMPLATE for each test (about 0.1 s),
 * so tests run in parallel without sharing tables. The server is DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test (scripts/ensure-postgres.sh starts one).
 */
import { PGlite } from '@electric-sql/pglite';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, onTestFinished } from 'vitest';
import type { ScriptableDatabase } from '../../connector/db/database.ts';
import { migrate, MIGRATIONS_DIR } from '../../connector/db/migrate.ts';
import { openDatabase } from '../../connector/db/open-database.ts';
import { PgliteDatabase } from '../../connector/db/pglite-database.ts';
import { createJobQueue } from '../../connector/queue/create-job-queue.ts';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: readonly Engine[] = ['pglite', 'postgres'];

export const POSTGRES_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface FreshOptions {
  /** PGlite only: keep the data in a directory (so reopen() sees it) instead of in memory. */
  onDisk?: boolean;
}

export interface TestDatabase {
  db: ScriptableDatabase;
  engine: Engine;
  /** Where the data is, for another process to open: the PGlite data directory or the PostgreSQL URL. */
  location: string;
  /**
   * Opens another Database on the same data, as a restarted process would. On PGlite close the
   * first one before (one process per data directory), and ask for { onDisk: true }.
   */
  reopen(): Promise<ScriptableDatabase>;
  /** Closes every Database opened on it and deletes the data. */
  dispose(): Promise<void>;
}

export type FreshDatabase = (options?: FreshOptions) => Promise<TestDatabase>;

export async function freshDatabase(engine: Engine, options: FreshOptions = {}): Promise<TestDatabase> {
  const fresh = engine === 'pglite' ? await freshPglite(options) : await freshPostgres();
  try {
    onTestFinished(() => fresh.dispose());
  } catch {
    // Not inside a test (beforeAll): the caller disposes.
  }
  return fresh;
}

export const freshPgliteDatabase = (options?: FreshOptions) => freshDatabase('pglite', options);
export const freshPostgresDatabase = () => freshDatabase('postgres');

/** Runs the same suite once per engine; `fresh()` gives each test its own database. */
export function describeOnBothDatabases(name: string, suite: (fresh: FreshDatabase, engine: Engine) => void): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => suite((options) => freshDatabase(engine, options), engine));
  }
}

// ---- shared: what the templates contain -------------------------------------------------------

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let schemaVersion: Promise<string> | undefined;
function templateVersion(): Promise<string> {
  schemaVersion ??= (async () => {
    const hash = createHash('sha256');
    for (const name of (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql')).sort()) {
      hash.update(name).update(await readFile(join(MIGRATIONS_DIR, name)));
    }
    for (const pkg of ['@electric-sql/pglite', 'pg-boss']) {
      hash.update(pkg).update(JSON.parse(await readFile(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version);
    }
    return hash.digest('hex').slice(0, 12);
  })();
  return schemaVersion;
}

/** Migrations plus the job queue's tables, which pg-boss installs on first start. */
async function prepareTemplate(db: ScriptableDatabase): Promise<void> {
  await migrate(db);
  const queue = createJobQueue(db);
  await queue.start();
  await queue.stop();
}

// ---- PGlite ------------------------------------------------------------------------------------

const CACHE_DIR = join(ROOT, 'var', 'test-cache');
/** Two checkouts with different migrations may test at once; neither removes a template the other just made. */
const STALE_TEMPLATE_AGE_MS = 6 * 3600_000;
let pgliteSnapshot: Promise<Blob> | undefined;

async function freshPglite(options: FreshOptions): Promise<TestDatabase> {
  const snapshot = await (pgliteSnapshot ??= loadOrBuildPgliteSnapshot());
  if (!options.onDisk) {
    const db = new PgliteDatabase(await PGlite.create({ loadDataDir: snapshot }));
    await migrate(db);
    return { db, engine: 'pglite', location: 'memory://', reopen: () => Promise.reject(new Error('an in-memory PGlite cannot be reopened: ask for { onDisk: true }')), dispose: () => db.close() };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'folio-pglite-'));
  await (await PGlite.create({ dataDir, loadDataDir: snapshot })).close();
  const opened: ScriptableDatabase[] = [];
  const reopen = async () => {
    const db = await openDatabase({ dataDir });
    opened.push(db);
    return db;
  };
  const db = await reopen();
  return {
    db,
    engine: 'pglite',
    location: dataDir,
    reopen,
    async dispose() {
      await Promise.all(opened.map((each) => each.close().catch(() => {})));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function loadOrBuildPgliteSnapshot(): Promise<Blob> {
  const file = join(CACHE_DIR, `pglite-${await templateVersion()}.tar.gz`);
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return new Blob([cached]);
  await mkdir(CACHE_DIR, { recursive: true });
  // Parallel test workers: one builds, the others wait for its file.
  return withLockFile(`${file}.lock`, async () => {
    const built = await readFile(file).catch(() => undefined);
    if (built) return new Blob([built]);
    const db = new PgliteDatabase(await PGlite.create());
    try {
      await prepareTemplate(db);
      const dump = await db.pglite.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      const partial = `${file}.${process.pid}.tmp`;
      await writeFile(partial, bytes);
      await rename(partial, file);
      // Snapshots of older schema versions are no use any more, once no run still starting could want one.
      for (const name of await readdir(CACHE_DIR)) {
        const other = join(CACHE_DIR, name);
        if (!/^pglite-[0-9a-f]+\.tar\.gz$/.test(name) || other === file) continue;
        const age = Date.now() - (await stat(other).then((s) => s.mtimeMs, () => Date.now()));
        if (age > STALE_TEMPLATE_AGE_MS) await rm(other, { force: true });
      }
      return new Blob([bytes]);
    } finally {
      await db.close();
    }
  });
}

async function withLockFile<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await (await open(path, 'wx')).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any build is left by a killed run.
      const age = Date.now() - (await stat(path).then((s) => s.mtimeMs, () => Date.now()));
      if (age > 120_000 || Date.now() > deadline) await rm(path, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}

// ---- PostgreSQL --------------------------------------------------------------------------------

let postgresTemplate: Promise<string> | undefined;

async function freshPostgres(): Promise<TestDatabase> {
  const template = await (postgresTemplate ??= ensurePostgresTemplate());
  const name = `folio_t_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    // Copying a template fails while anything is connected to it; another worker's build may be.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  const url = urlForDatabase(name);
  const opened: ScriptableDatabase[] = [];
  const reopen = async () => {
    const db = await openDatabase({ databaseUrl: url });
    opened.push(db);
    return db;
  };
  const db = await reopen();
  return {
    db,
    engine: 'postgres',
    location: url,
    reopen,
    async dispose() {
      await Promise.all(opened.map((each) => each.close().catch(() => {})));
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function ensurePostgresTemplate(): Promise<string> {
  const template = `folio_tpl_${await templateVersion()}`;
  return withAdmin(async (admin) => {
    // Session lock: parallel workers build the template once, the others wait and find it.
    await admin.query(`SELECT pg_advisory_lock(hashtext('folio_test_template'))`);
    try {
      await dropLeftoverDatabases(admin);
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount) return template;
      // Built under another name and renamed when complete, so a killed build is never used.
      const building = `${template}_wip`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
      const db = await openDatabase({ databaseUrl: urlForDatabase(building), migrate: false, poolSize: 2 });
      try {
        await prepareTemplate(db);
      } finally {
        await db.close();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
      // Templates of older schema versions are no use any more, unless a run on another checkout
      // (another set of migrations) is still using one: only those untouched for a while go.
      const stale = await admin
        .query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE datname LIKE 'folio\\_tpl\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_wip'
              AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - make_interval(secs => $2)`,
          [template, STALE_TEMPLATE_AGE_MS / 1000],
        )
        .catch(() => ({ rows: [] as { datname: string }[] }));
      for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => {});
      return template;
    } finally {
      await admin.query(`SELECT pg_advisory_unlock(hashtext('folio_test_template'))`);
    }
  });
}

/** Test databases of runs that were killed before they could drop them (a test lasts seconds). */
async function dropLeftoverDatabases(admin: pg.Client): Promise<void> {
  const leftovers = await admin
    .query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'folio\\_t\\_%'
          AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '1 hour'`,
    )
    .catch(() => ({ rows: [] })); // pg_stat_file needs a superuser; without one, leave them
  for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL} (${(error as Error).message}); run scripts/ensure-postgres.sh`);
  }
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

function urlForDatabase(name: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
