import { startConnector, type ConnectorHandle, type StartOptions } from './app/start-connector.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';

export interface ServeOptions extends Omit<StartOptions, 'logger'> {
  /** Where the JSON logs go (stdout by default; the crash tests' child keeps stdout for its control lines). */
  logDestination?: NodeJS.WritableStream;
  /** Called once a signal's drain has finished, just before the process exits 0. */
  onDrained?: () => void;
}

/**
 * `npm start` / `folio serve`: the connector from environment variables, read once here before it
 * listens, stopped cleanly on SIGTERM/SIGINT (jobs in flight finish first, then exit 0). A bad
 * configuration throws a ConfigError before anything starts.
 */
export async function serve(options: ServeOptions = {}): Promise<ConnectorHandle> {
  const { logDestination, onDrained, ...start } = options;
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL, ...(logDestination && { destination: logDestination }) });
  const connector = await startConnector(config, { ...start, logger: log });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining in-flight jobs, then stopping');
    connector.close().then(
      () => {
        log.info('stopped');
        onDrained?.();
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return connector;
}

/** Bad configuration is the operator's to fix: the list of problems, no stack trace, exit code 1. */
export function exitOnConfigError(error: unknown): never {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
