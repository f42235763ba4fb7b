import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { isAxiosError } from 'axios';
import { FluentAdminClient } from '../../fluent/admin-client.ts';
import { readPluginJar } from '../../fluent/plugin-jar.ts';
import { UsageError, type Command } from '../command.ts';
import { CONNECTION_OPTIONS, CONNECTION_USAGE, connectionFrom, parseOptions } from './fluent-options.ts';

const usage = `Usage: folio fluent plugin push --jar target/folio-fluent-rules-1.0.0.jar [--bundle ACME.folio::1.0.0] [options]

Uploads Folio's rule plugin (built with Fluent's SDK, see fluent-rules/README.md), installs it and
waits until Fluent reports it ACTIVE. Fluent accepts each plugin version once: to change the plugin,
raise its version and rebuild.

Options:
  --jar FILE             the plugin jar
  --bundle NAME          <ACCOUNT>.<plugin>::<version>; default from the jar's Bundle-SymbolicName/Bundle-Version
  --timeout SECONDS      how long to wait for ACTIVE (default 300)
  --interval SECONDS     how often to ask (default 2)
  -h, --help             this text

${CONNECTION_USAGE}`;

const seconds = (value: string | undefined, fallback: number, option: string) => {
  const number = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--${option} must be a positive number of seconds`);
  return number * 1000;
};

const statusOf = (error: unknown) => (error instanceof Error && isAxiosError(error.cause) ? error.cause.response?.status : undefined);

export const fluentPluginPushCommand: Command = {
  path: ['fluent', 'plugin', 'push'],
  summary: "Upload and install Folio's rule plugin, then wait until it is ACTIVE",
  usage,
  async run(args) {
    const values = parseOptions(args, { ...CONNECTION_OPTIONS, jar: { type: 'string' }, bundle: { type: 'string' }, timeout: { type: 'string' }, interval: { type: 'string' } });
    if (!values.jar) throw new UsageError('missing --jar (the plugin jar to upload)');
    const timeoutMs = seconds(values.timeout, 300, 'timeout');
    const intervalMs = seconds(values.interval, 2, 'interval');
    const connection = connectionFrom(values);
    const path = resolve(values.jar);
    let jar: Buffer;
    try {
      jar = readFileSync(path);
    } catch (error) {
      throw new UsageError(`cannot read --jar ${values.jar}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const info = readPluginJar(jar);
    const bundleName = values.bundle ?? info.bundleName;
    if (bundleName !== info.bundleName) throw new UsageError(`--bundle ${bundleName} does not match the jar, which is ${info.bundleName}`);
    if (!info.symbolicName.startsWith(`${connection.accountId}.`)) {
      throw new UsageError(`the jar is built for ${info.symbolicName.split('.')[0]} (Bundle-SymbolicName ${info.symbolicName}), not account ${connection.accountId}; rebuild with -Dfluent.account=${connection.accountId}`);
    }

    const client = new FluentAdminClient(connection);
    try {
      await client.uploadPlugin(jar, basename(path));
    } catch (error) {
      if (statusOf(error) === 409) throw new Error(`${bundleName} was already uploaded to ${connection.accountId}: Fluent accepts each plugin version once. Raise the version (pom.xml) and rebuild.`);
      throw error;
    }
    console.log(`Uploaded ${bundleName} (rules: ${info.ruleClasses.join(', ') || 'none found'})`);
    await client.installPlugin(bundleName);
    const deadline = Date.now() + timeoutMs;
    let status = '';
    for (;;) {
      status = (await client.pluginStatus(bundleName)).bundleStatus;
      if (status === 'ACTIVE') break;
      if (Date.now() + intervalMs > deadline) throw new Error(`${bundleName} is still ${status} after ${timeoutMs / 1000} s; check the plugin's status in Fluent (GET /orchestration/rest/v1/plugin/${bundleName}/status)`);
      await new Promise((done) => setTimeout(done, intervalMs));
    }
    console.log(`Installed ${bundleName}: ACTIVE`);
    return 0;
  },
};
