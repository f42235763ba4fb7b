import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./connector-child.ts', import.meta.url));
/** The `folio` command, started as an executable (its shebang gives Node its options). */
export const FOLIO = fileURLToPath(new URL('../../bin/folio.mjs', import.meta.url));

/** Node's options in a `#!/usr/bin/env -S node …` line; throws for any other first line. */
export function nodeOptionsOf(source: string): string[] {
  const firstLine = source.split('\n', 1)[0] ?? '';
  const match = /^#!\/usr\/bin\/env -S node((?: --[a-z-]+(?:=[\w.-]+)?)*)$/.exec(firstLine);
  if (!match) throw new Error(`bin/folio.mjs must start with "#!/usr/bin/env -S node [--option…]", not "${firstLine}"`);
  return (match[1] ?? '').split(' ').filter((option) => option !== '');
}

/** The options `folio serve` runs with, so a connector started here has the heap an operator's has. */
export const FOLIO_NODE_OPTIONS = nodeOptionsOf(readFileSync(FOLIO, 'utf8'));

/** A connector child process (connector-child.ts) and its control lines. */
export interface ConnectorChild {
  process: ChildProcess;
  pid: number;
  /** Resolves with the first stdout line matching `pattern` (already seen lines count). */
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Every stderr line (pino JSON logs). */
  logs(): string[];
  /** Resolves with the exit code (null after a signal). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export function spawnConnector(env: Record<string, string>): ConnectorChild {
  return spawnNode([...FOLIO_NODE_OPTIONS, '--import', 'tsx', ENTRY], env);
}

/**
 * `folio serve` itself, as an operator starts it: its stdout lines are its JSON logs. `nodeArgs` go to Node
 * (e.g. --cpu-prof, which NODE_OPTIONS refuses, so Node is started here with the shebang's options).
 */
export function spawnFolioServe(env: Record<string, string>, nodeArgs: string[] = []): ConnectorChild {
  return spawnNode([...FOLIO_NODE_OPTIONS, ...nodeArgs, FOLIO, 'serve'], env);
}

/** Any Node entry in a child process with the same control: stdout lines to wait for, stderr kept. */
export function spawnNode(args: string[], env: Record<string, string>): ConnectorChild {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const parts = out.split('\n');
    out = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    const parts = err.split('\n');
    err = parts.pop() ?? '';
    logs.push(...parts);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  exited.then(() => {
    for (const wake of waiters) wake();
  });
  let done = false;
  void exited.then(() => (done = true));

  return {
    process: child,
    pid: child.pid!,
    logs: () => [...logs],
    exited,
    line(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find((l) => pattern.test(l));
          if (found !== undefined) {
            finish();
            resolve(found);
          } else if (done) {
            finish();
            reject(new Error(`connector child exited before printing ${pattern}:\n${logs.slice(-20).join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`connector child did not print ${pattern} within ${timeoutMs} ms:\n${logs.slice(-20).join('\n')}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async kill(signal) {
      if (!done) child.kill(signal);
      return exited;
    },
  };
}
