import { documentModelFacts } from '../api/document-model-record.ts';
import type { FolioConfig } from '../config.ts';
import { consoleFacts } from '../console/console-facts.ts';
import { shopperFacts } from '../portal/shopper-facts.ts';
import type { DocumentFactsOf } from './document-records.ts';
import { portalSecretsFromConfig } from '../portal/portal-from-config.ts';

/**
 * What every document's row keeps beside its number, written by the statement that numbers it: the
 * API's model, the portal's shopper facts (its order ref too), the console's search columns.
 */
export function documentFactsFromConfig(config: FolioConfig): DocumentFactsOf[] {
  return [documentModelFacts, shopperFacts(portalSecretsFromConfig(config)), consoleFacts];
}
