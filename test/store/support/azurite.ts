import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../scripts/dev/free-port.ts';

/** Azurite's published development account (not a secret: it is the same on every machine). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const BIN = fileURLToPath(new URL('../../../node_modules/.bin/azurite-blob', import.meta.url));

export interface Azurite {
  port: number;
  connectionString: string;
  /** Kills the emulator (and its in-memory data), as an outage would. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/** A real Azurite blob service on a free port, in memory; start once per test file (it takes seconds). */
export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    child = spawn(
      BIN,
      ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--disableTelemetry', '--silent',
        // The SDK speaks a newer API version than Azurite knows; without this every request is refused.
        '--skipApiVersionCheck'],
      { stdio: 'ignore', detached: true },
    );
    await waitForPort(port, 30_000);
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running?.pid || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    // Detached, so the negative pid reaches the whole group (npm's shim and node itself).
    process.kill(-running.pid, 'SIGKILL');
    await exited;
    await waitForPortClosed(port, 10_000);
  }

  await start();
  return {
    port,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
      `BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    stop,
    start,
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (Date.now() > deadline) throw new Error(`Azurite did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForPortClosed(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await canConnect(port)) {
    if (Date.now() > deadline) throw new Error(`Azurite still listening on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
