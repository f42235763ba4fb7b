import { basename } from 'node:path';
import { WEBHOOK_SETTING_NAME } from '../fluent/contract.ts';
import { readFragmentFiles, readWorkflowFiles } from './folio-files.ts';
import { OMS_FRAGMENT_SETTING, omsManifestFragment } from './oms-manifest.ts';
import { accountJsonSetting } from './setting-file.ts';
import { stampFragment, stampWorkflow, webhookSettingValue, type StampOptions } from './stamp.ts';
import type { StampedContent } from './stamped-dir.ts';

/**
 * Everything an implementer imports for one account: Folio's workflows and fragments with the account
 * in rule names and the retailer set, the webhook setting with the connector's URL, and the OMS
 * manifest fragment as its setting.
 */
export function stampedContent(options: StampOptions, workflowsDir?: string): StampedContent {
  const content: StampedContent = {
    workflows: readWorkflowFiles(workflowsDir).map(({ workflow }) => stampWorkflow(workflow, options)),
    fragments: readFragmentFiles(workflowsDir).map(({ file, fragment }) => ({ name: basename(file), fragment: stampFragment(fragment, options) })),
    settings: [accountJsonSetting(WEBHOOK_SETTING_NAME, webhookSettingValue(options.webhookUrl)), accountJsonSetting(OMS_FRAGMENT_SETTING, omsManifestFragment())],
  };
  // A placeholder Fluent does not expand would surface only as a failed PUT or a rule that never runs.
  const leftover = /\[\[[\w.]+\]\]/.exec(JSON.stringify(content));
  if (leftover) throw new Error(`placeholder ${leftover[0]} is still present after stamping; Folio's workflow files use one stamp does not know`);
  return content;
}
