import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { buildCustomDocument, customDocumentConfigSchema, type CustomDocumentConfig } from '../compose/custom-document.ts';
import type { SellerConfig } from '../compose/context.ts';
import { loadCustomDocument } from '../fetch/load-custom-document.ts';
import { DEFAULT_TEMPLATES_DIR } from '../render/html.ts';
import { defineDocumentSource, documentContextOf, type DocumentDeclaration } from './document-declaration.ts';

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
 * A custom document as a declaration: its own record per entity, number series and template
 * (`custom:<name>`), asked for by CUSTOM:<name>, or by its trigger when the webhook names no document:
 * core.SendWebhook posts the event under the name its setting gives, so a retailer points a setting
 * named after the trigger event at Folio.
 */
export function customDocumentSource(document: CustomDocument, seller: SellerConfig): DocumentDeclaration<unknown> {
  const { config, query } = document;
  return defineDocumentSource({
    type: 'custom',
    name: `custom:${config.name}`,
    template: config.template,
    requestedAs: [`CUSTOM:${config.name}`],
    trigger: config.trigger,
    load: (fluent, event) => loadCustomDocument(fluent, event, query, config.name),
    build: (loaded, context) => buildCustomDocument(config, loaded, documentContextOf(seller, context)),
  });
}
