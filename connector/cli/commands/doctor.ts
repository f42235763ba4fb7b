import { loadConfig, type FolioConfig } from '../../config.ts';
import { FluentAdminClient } from '../../install/admin-client.ts';
import {
  checkConnectorEndpoint,
  checkRoundTrip,
  checkToken,
  checkWebhookKeys,
  checkWebhookSetting,
  checkWorkflow,
  type CheckResult,
  type DoctorTarget,
} from '../../install/doctor-checks.ts';
import { UsageError, type Command } from '../command.ts';
import { parseOptions } from './fluent-options.ts';

const usage = `Usage: folio doctor [--invoice REF] [--timeout SECONDS]

Checks a live configuration, reading the connector's environment (FLUENT_*, FOLIO_*, PUBLIC_BASE_URL):
  configuration valid · webhook keys load · Fluent sign-in works · the BILLING_ACCOUNT::CUSTOMER workflow has
  Folio's rulesets · the folio.webhook setting points at PUBLIC_BASE_URL · the connector answers there ·
  with --invoice: a real document request for that test invoice comes back from the connector, proving the
  webhook signature verifies and the round trip works.
Prints a checklist (✔ pass, ✘ fail with the next step, – skipped); exit code 1 if anything failed.

Options:
  --invoice REF         a test invoice to request a document for (CREATED, DOCUMENT_GENERATED or DOCUMENT_FAILED)
  --timeout SECONDS     how long to wait for the connector's answer (default 60)
  -h, --help            this text`;

const MARK = { pass: '✔', fail: '✘', skip: '–' } as const;

export function formatChecklist(results: readonly CheckResult[]): string {
  return results
    .map((r) => `${MARK[r.status]} ${r.title}: ${r.detail}${r.status === 'fail' && r.next ? `\n    next: ${r.next}` : ''}`)
    .join('\n');
}

async function runChecks(config: FolioConfig, invoiceRef: string | undefined, timeoutMs: number): Promise<CheckResult[]> {
  const target: DoctorTarget = {
    client: new FluentAdminClient({
      baseUrl: config.FLUENT_BASE_URL,
      accountId: config.FLUENT_ACCOUNT_ID,
      credentials: { username: config.FLUENT_USERNAME, password: config.FLUENT_PASSWORD, clientId: config.FLUENT_CLIENT_ID, clientSecret: config.FLUENT_CLIENT_SECRET },
    }),
    accountId: config.FLUENT_ACCOUNT_ID,
    retailerId: config.FLUENT_RETAILER_ID,
    publicBaseUrl: config.PUBLIC_BASE_URL,
  };
  const results = [checkWebhookKeys(config.FLUENT_WEBHOOK_KEYS)];
  const token = await checkToken(target);
  results.push(token);
  if (token.status === 'fail') return [...results, { title: 'remaining Fluent checks', status: 'skip', detail: 'they need a token' }];
  results.push(await checkWorkflow(target), await checkWebhookSetting(target), await checkConnectorEndpoint(target));
  results.push(...(await checkRoundTrip(target, invoiceRef, timeoutMs)));
  return results;
}

export const doctorCommand: Command = {
  path: ['doctor'],
  summary: 'Check a live Fluent + connector configuration and say what to fix',
  usage,
  async run(args) {
    const values = parseOptions(args, { invoice: { type: 'string' }, timeout: { type: 'string' } });
    const timeout = values.timeout === undefined ? 60 : Number(values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError('--timeout must be a positive number of seconds');
    let config: FolioConfig;
    try {
      config = loadConfig();
    } catch (error) {
      console.log(formatChecklist([{ title: 'connector configuration', status: 'fail', detail: error instanceof Error ? error.message : String(error), next: 'set the variables named above (see README, Configuration)' }]));
      return 1;
    }
    console.log(`Folio doctor: account ${config.FLUENT_ACCOUNT_ID}, retailer ${config.FLUENT_RETAILER_ID} at ${config.FLUENT_BASE_URL}`);
    const results = [{ title: 'connector configuration', status: 'pass', detail: 'FLUENT_* and FOLIO_* are valid' } as CheckResult, ...(await runChecks(config, values.invoice, timeout * 1000))];
    console.log(formatChecklist(results));
    const failed = results.filter((r) => r.status === 'fail').length;
    console.log(failed ? `${failed} check(s) failed.` : 'All checks passed.');
    return failed ? 1 : 0;
  },
};
