import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { buildCustomDocument, customDocumentConfigSchema, type CustomDocumentConfig } from '../build/custom-document.ts';
import type { SellerConfig } from '../build/context.ts';
import { loadCustomDocument } from '../fetch/load-custom-document.ts';
import { WEBHOOK_ATTRIBUTE } from '../fluent/contract.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { DEFAULT_TEMPLATES_DIR } from '../render/html.ts';
import type { BuildContext, DocumentSource } from '../pipeline/ports.ts';

/**
 * Custom documents are configuration only: one `<name>.json` per document in a folder (default
 * config/custom-documents/), checked against customDocumentConfigSchema, with its GraphQL query file
 * beside it. They are read once at start; a broken declaration stops the connector with the file named,
 * rather than failing every event that would have used it.
 */
export interface CustomDocument {
  config: CustomDocumentConfig;
  query: string;
  file: string;
}

export function loadCustomDocuments(dir: string): CustomDocument[] {
  if (!existsSync(dir)) return [];
  const documents: CustomDocument[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const parsed = customDocumentConfigSchema.safeParse(readJson(file));
    if (!parsed.success) throw new Error(`custom document ${file} is invalid:\n${z.prettifyError(parsed.error)}`);
    const config = parsed.data;
    const queryFile = resolve(dirname(file), config.queryFile);
    if (!existsSync(queryFile)) throw new Error(`custom document ${file}: query file ${queryFile} does not exist`);
    const templateFile = resolve(DEFAULT_TEMPLATES_DIR, config.template);
    if (!existsSync(templateFile)) throw new Error(`custom document ${file}: template ${config.template} is not in ${DEFAULT_TEMPLATES_DIR}`);
    if (documents.some((d) => sameName(d.config.name, config.name))) throw new Error(`custom document ${file}: another declaration is already named ${config.name}`);
    documents.push({ config, query: readFileSync(queryFile, 'utf8'), file });
  }
  return documents;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`custom document ${file} is not JSON: ${(error as Error).message}`);
  }
}

const sameName = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/**
 * The custom document the webhook asks for: documentType `CUSTOM:<name>` (or `CUSTOM_<NAME>`, the form
 * the SendDocumentWebhook rule's prop pattern allows); undefined when it names none. An unknown name is
 * an error the caller reports.
 */
export function customNameOf(documentType: string): string | undefined {
  const match = /^CUSTOM[:_](.+)$/i.exec(documentType);
  return match?.[1];
}

export function findCustomByName(documents: readonly CustomDocument[], name: string): CustomDocument | undefined {
  // CUSTOM_GIFT_RECEIPT names gift-receipt or gift_receipt alike: the rule prop allows no dash.
  const norm = (s: string) => s.toUpperCase().replace(/[-_ ]/g, '');
  return documents.find((d) => norm(d.config.name) === norm(name));
}

/**
 * Trigger match for webhooks without a documentType: core.SendWebhook posts the event under the name
 * its setting gives, so a retailer points a setting named after the trigger event at Folio.
 */
export function findCustomByTrigger(documents: readonly CustomDocument[], event: FluentEvent): CustomDocument | undefined {
  if (typeof event.attributes[WEBHOOK_ATTRIBUTE.documentType] === 'string') return undefined;
  return documents.find((d) => d.config.trigger.entityType === event.entityType && d.config.trigger.event === event.name);
}

export function customDocumentSource(document: CustomDocument, seller: SellerConfig): DocumentSource {
  const { config, query } = document;
  return {
    type: 'custom',
    // Each custom document is its own kind: its own record per entity, its own number series and template.
    name: `custom:${config.name}`,
    template: config.template,
    load: (fluent, event) => loadCustomDocument(fluent, event, query, config.name),
    build: (loaded: unknown, context: BuildContext) =>
      buildCustomDocument(config, loaded, {
        seller,
        locale: context.locale,
        timeZone: context.timeZone,
        origin: {
          accountId: context.event.accountId,
          retailerId: context.event.retailerId,
          ...(context.event.entityId !== undefined && { entityId: context.event.entityId }),
          ...(context.event.rootEntityType !== undefined && { rootEntityType: context.event.rootEntityType }),
          ...(context.event.rootEntityRef !== undefined && { rootEntityRef: context.event.rootEntityRef }),
        },
      }),
  };
}
