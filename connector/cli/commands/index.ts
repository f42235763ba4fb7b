import type { Command } from '../command.ts';
import { apiKeysCreateCommand, apiKeysListCommand, apiKeysRevokeCommand } from './api-keys.ts';
import { webhooksAddCommand, webhooksListCommand, webhooksLogCommand, webhooksRedeliverCommand, webhooksRemoveCommand, webhooksRotateSecretCommand } from './webhooks.ts';
import { auditCommand } from './audit.ts';
import { backfillCommand } from './backfill.ts';
import { doctorCommand } from './doctor.ts';
import { einvoiceCommand, einvoiceValidateCommand } from './einvoice.ts';
import { fluentMergeCommand } from './fluent-merge.ts';
import { fluentPluginPushCommand } from './fluent-plugin-push.ts';
import { fluentPushCommand } from './fluent-push.ts';
import { fluentStampCommand } from './fluent-stamp.ts';
import { linksRevokeCommand } from './links-revoke.ts';
import { numbersGapsCommand } from './numbers-gaps.ts';
import { renderCommand } from './render.ts';
import { retryCommand } from './retry.ts';
import { serveCommand } from './serve.ts';
import { statementsAdjustCommand, statementsRunCommand } from './statements.ts';

/** Every `folio` command; each lives in its own file. */
export const commands: Command[] = [serveCommand, auditCommand, fluentStampCommand, fluentMergeCommand, fluentPushCommand, fluentPluginPushCommand, doctorCommand, renderCommand, linksRevokeCommand, retryCommand, numbersGapsCommand, backfillCommand,
  apiKeysCreateCommand, apiKeysListCommand, apiKeysRevokeCommand, webhooksAddCommand, webhooksListCommand, webhooksRemoveCommand, webhooksLogCommand, webhooksRedeliverCommand, webhooksRotateSecretCommand,
  statementsRunCommand, statementsAdjustCommand, einvoiceCommand, einvoiceValidateCommand];
