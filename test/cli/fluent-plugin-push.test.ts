import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FluentAdminClient } from '../../connector/install/admin-client.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';
import { buildPluginJar } from '../fluent/support/plugin-jar.ts';
import { fluentEnv } from './support/emulator-env.ts';
import { runFolio } from './support/run-folio.ts';

describe('folio fluent plugin push against the emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('uploads, installs and waits until ACTIVE; the rules are then listed', async () => {
    const jar = buildPluginJar({ symbolicName: 'ACME.folio', version: '1.0.0', rules: ['SendDocumentWebhook', 'ApplyDocumentUpdate'] });
    const run = await runFolio(['fluent', 'plugin', 'push', '--jar', jar, '--bundle', 'ACME.folio::1.0.0', '--interval', '0.1'], { env: fluentEnv(emulator) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Uploaded ACME.folio::1.0.0 (rules: ApplyDocumentUpdate, SendDocumentWebhook)');
    expect(run.stdout).toContain('Installed ACME.folio::1.0.0: ACTIVE');
    const client = new FluentAdminClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
    expect(await client.pluginStatus('ACME.folio::1.0.0')).toMatchObject({ bundleStatus: 'ACTIVE' });
    expect(Object.keys(await client.listRules())).toEqual(expect.arrayContaining(['ACME.folio.SendDocumentWebhook', 'ACME.folio.ApplyDocumentUpdate']));

    const again = await runFolio(['fluent', 'plugin', 'push', '--jar', jar], { env: fluentEnv(emulator) });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ACME.folio::1.0.0 was already uploaded to ACME: Fluent accepts each plugin version once. Raise the version');
  });

  it('gives up with a clear error when the plugin does not become ACTIVE in time', async () => {
    const jar = buildPluginJar({ symbolicName: 'ACME.slow', version: '2.0.0', rules: ['A'] });
    const run = await runFolio(['fluent', 'plugin', 'push', '--jar', jar, '--timeout', '0.05', '--interval', '0.04'], { env: fluentEnv(emulator) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ACME.slow::2.0.0 is still INSTALLING after 0.05 s');
  });

  it('refuses a jar that does not match --bundle or the account, and a missing jar', async () => {
    const jar = buildPluginJar({ symbolicName: 'ACME.folio', version: '1.1.0', rules: ['A'] });
    const mismatch = await runFolio(['fluent', 'plugin', 'push', '--jar', jar, '--bundle', 'ACME.folio::1.0.9'], { env: fluentEnv(emulator) });
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('--bundle ACME.folio::1.0.9 does not match the jar, which is ACME.folio::1.1.0');

    const other = buildPluginJar({ symbolicName: 'BETA.folio', version: '1.0.0', rules: ['A'] });
    const wrongAccount = await runFolio(['fluent', 'plugin', 'push', '--jar', other], { env: fluentEnv(emulator) });
    expect(wrongAccount.code).toBe(2);
    expect(wrongAccount.stderr).toContain('rebuild with -Dfluent.account=ACME');

    const missing = await runFolio(['fluent', 'plugin', 'push', '--jar', '/nonexistent.jar'], { env: fluentEnv(emulator) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read --jar /nonexistent.jar');
    expect((await runFolio(['fluent', 'plugin', 'push'], { env: fluentEnv(emulator) })).stderr).toContain('missing --jar');
  });
});
