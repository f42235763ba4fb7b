import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FluentAdminClient } from '../../connector/install/admin-client.ts';
import { PRESERVE_EVENT_DETAILS, WEBHOOK_RETRY_METHOD_SETTING } from '../../connector/fluent/contract.ts';
import { BILLING_WORKFLOW, checkWorkflow } from '../../connector/install/doctor-checks.ts';
import { workflowSchema } from '../../connector/install/workflow-schema.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/index.ts';

describe("folio doctor's workflow check and the webhook retry method", () => {
  let emulator: Emulator;
  let client: FluentAdminClient;
  const target = () => ({ client, accountId: emulator.accountId, retailerId: emulator.retailerId });

  beforeAll(async () => {
    emulator = await startEmulator();
    client = new FluentAdminClient({ baseUrl: emulator.url, accountId: emulator.accountId, credentials: emulator.credentials });
  });
  afterAll(() => emulator.close());

  it('passes with the shipped workflow, which preserves event details on retries', async () => {
    expect(await checkWorkflow(target())).toMatchObject({ status: 'pass' });
  });

  it('fails, saying what retries lose and what to set, when the workflow uses Fluent’s default', async () => {
    const shipped = workflowSchema.parse(await client.getWorkflow(emulator.retailerId, BILLING_WORKFLOW));
    const { [WEBHOOK_RETRY_METHOD_SETTING]: _dropped, ...settings } = shipped.settings;
    await client.putWorkflow({ ...shipped, settings });
    expect(await checkWorkflow(target())).toMatchObject({
      status: 'fail',
      detail: `${WEBHOOK_RETRY_METHOD_SETTING} is null: a retried document request loses its documentType and locale`,
      next: expect.stringContaining(`"${PRESERVE_EVENT_DETAILS}"`),
    });
  });
});
