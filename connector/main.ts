import { startConnector } from './app/start-connector.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';

/** `npm start` / `folio serve`: the connector from environment variables, stopped cleanly on SIGTERM/SIGINT. */
export async function serve(): Promise<void> {
  const log = createLogger();
  const connector = await startConnector(loadConfig(), { logger: log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining in-flight jobs, then stopping');
    await connector.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

if (process.argv[1] && /connector[\\/]main\.ts$/.test(process.argv[1])) {
  await serve();
}
