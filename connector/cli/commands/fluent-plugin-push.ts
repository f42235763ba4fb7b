import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { isAxiosError } from 'axios';
import { FluentAdminClient } from '../../install/admin-client.ts';
import { readPluginJar, type PluginJar } from '../../install/plugin-jar.ts';
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

export const seconds = (value: string | undefined, fallback: number, option: string) => {
  const number = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`--${option} must be a positive number of seconds`);
  return number * 1000;
};

const statusOf = (error: unknown) => (error instanceof Error && isAxiosError(error.cause) ? error.cause.response?.status : undefined);

/** A plugin jar read from disk and checked against the account. */
export interface LocalPlugin {
  jar: Buffer;
  fileName: string;
  info: PluginJar;
  bundleName: string;
}

/** Reads the jar and checks it: readable, `bundle` (when given) matches it, built for this account. */
export function readLocalPlugin(jarPath: string, accountId: string, bundle?: string): LocalPlugin {
  const path = resolve(jarPath);
  let jar: Buffer;
  try {
    jar = readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read --jar ${jarPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const info = readPluginJar(jar);
  const bundleName = bundle ?? info.bundleName;
  if (bundleName !== info.bundleName) throw new UsageError(`--bundle ${bundleName} does not match the jar, which is ${info.bundleName}`);
  if (!info.symbolicName.startsWith(`${accountId}.`)) {
    throw new UsageError(`the jar is built for ${info.symbolicName.split('.')[0]} (Bundle-SymbolicName ${info.symbolicName}), not account ${accountId}; rebuild with -Dfluent.account=${accountId}`);
  }
  return { jar, fileName: basename(path), info, bundleName };
}

/** The full names of the rules a jar provides once installed (`ACME.folio.SendDocumentWebhook`). */
export const pluginRuleNames = (plugin: LocalPlugin) => plugin.info.ruleClasses.map((rule) => `${plugin.info.symbolicName}.${rule}`);

/** Uploads, installs and waits for ACTIVE; used by `folio fluent plugin push` and `folio fluent push --jar`. */
export async function uploadAndInstallPlugin(client: FluentAdminClient, accountId: string, plugin: LocalPlugin, wait: { timeoutMs: number; intervalMs: number }): Promise<void> {
  const { bundleName, info } = plugin;
  try {
    await client.uploadPlugin(plugin.jar, plugin.fileName);
  } catch (error) {
    if (statusOf(error) === 409) throw new Error(`${bundleName} was already uploaded to ${accountId}: Fluent accepts each plugin version once. Raise the version (pom.xml) and rebuild.`);
    throw error;
  }
  console.log(`Uploaded ${bundleName} (rules: ${info.ruleClasses.join(', ') || 'none found'})`);
  await client.installPlugin(bundleName);
  const deadline = Date.now() + wait.timeoutMs;
  let status = '';
  for (;;) {
    status = (await client.pluginStatus(bundleName)).bundleStatus;
    if (status === 'ACTIVE') break;
    if (Date.now() + wait.intervalMs > deadline) throw new Error(`${bundleName} is still ${status} after ${wait.timeoutMs / 1000} s; check the plugin's status in Fluent (GET /orchestration/rest/v1/plugin/${bundleName}/status)`);
    await new Promise((done) => setTimeout(done, wait.intervalMs));
  }
  console.log(`Installed ${bundleName}: ACTIVE`);
}

export const fluentPluginPushCommand: Command = {
  path: ['fluent', 'plugin', 'push'],
  summary: "Upload and install Folio's rule plugin, then wait until it is ACTIVE",
  usage,
  async run(args) {
    const values = parseOptions(args, { ...CONNECTION_OPTIONS, jar: { type: 'string' }, bundle: { type: 'string' }, timeout: { type: 'string' }, interval: { type: 'string' } });
    if (!values.jar) throw new UsageError('missing --jar (the plugin jar to upload)');
    const wait = { timeoutMs: seconds(values.timeout, 300, 'timeout'), intervalMs: seconds(values.interval, 2, 'interval') };
    const connection = connectionFrom(values);
    const plugin = readLocalPlugin(values.jar, connection.accountId, values.bundle);
    await uploadAndInstallPlugin(new FluentAdminClient(connection), connection.accountId, plugin, wait);
    return 0;
  },
};
