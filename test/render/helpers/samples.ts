import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOCUMENT_TYPES, documentSchema, type DocumentModel, type DocumentType } from '../../../connector/core/document-model.ts';
import { themeSchema, type Theme } from '../../../connector/render/theme.ts';

export const SAMPLES_DIR = fileURLToPath(new URL('../../../samples/', import.meta.url));

export function sampleJson(type: DocumentType): unknown {
  return JSON.parse(readFileSync(`${SAMPLES_DIR}${type}.json`, 'utf8'));
}

/** The shipped sample of one document type, validated. */
export function sample(type: DocumentType): DocumentModel {
  return documentSchema.parse(sampleJson(type));
}

export const sampleTheme = (): Theme => themeSchema.parse(JSON.parse(readFileSync(`${SAMPLES_DIR}theme.json`, 'utf8')));
export { DOCUMENT_TYPES };
