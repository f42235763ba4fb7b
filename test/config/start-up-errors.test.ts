import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run, runFolio, type FolioRun } from '../cli/support/run-folio.ts';
import { connectorEnv } from './support/connector-env.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REQUIRED = ['FLUENT_BASE_URL', 'FLUENT_ACCOUNT_ID', 'FLUENT_USERNAME', 'FLUENT_PASSWORD', 'FLUENT_CLIENT_ID', 'FLUENT_CLIENT_SECRET', 'FLUENT_WEBHOOK_KEYS', 'FOLIO_LINK_KEYS'];
/** A line of a stack trace: "    at fn (file:line:col)". */
const STACK_FRAME = /^\s+at /m;

/** `npm start` itself (package.json's script, through npm), with only these variables. */
const npmStart = (env: Record<string, string>) => run('npm', ['start', '--silent'], { env, cwd: ROOT });

const starts: [string, (env: Record<string, string>) => Promise<FolioRun>][] = [
  ['folio serve', (env) => runFolio(['serve'], { env })],
  ['npm start', npmStart],
];

describe.each(starts)('%s with a bad configuration', (_, start) => {
  it('with nothing set, names every required variable, prints no stack trace and exits 1', async () => {
    const run = await start({});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Folio configuration is invalid:');
    for (const variable of REQUIRED) expect(run.stderr).toMatch(new RegExp(`^ {2}${variable}: required: `, 'm'));
    expect(run.stderr + run.stdout).not.toMatch(STACK_FRAME);
  });

  it('stops before listening on a bad value inside a JSON setting, naming it', async () => {
    const run = await start(connectorEnv({ PORT: '0', FOLIO_THEMES: '{"ACME":{"brandName":"Acme","primaryColor":"red"}}' }));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('  FOLIO_THEMES is invalid at ACME.primaryColor: must be a #rrggbb colour');
    expect(run.stdout).not.toContain('listening');
    expect(run.stderr + run.stdout).not.toMatch(STACK_FRAME);
  });
});
