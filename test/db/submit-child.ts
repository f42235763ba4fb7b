/**
 * For submit.test.ts: submits a slow insert on the PostgreSQL database named by argv[2], and dies
 * (SIGKILL, by its own hand) the moment the statement is handed over, long before its answer.
 */
import { openDatabase } from '../../connector/db/open-database.ts';

const db = await openDatabase({ databaseUrl: process.argv[2]!, migrate: false });
const submitted = db.submit('INSERT INTO marks SELECT 1 FROM pg_sleep(1.5)');
submitted.result.catch(() => undefined);
await submitted.handedOver;
process.kill(process.pid, 'SIGKILL');
