import type { DocumentModel } from '../document-model.ts';

/** Renders a document model into self-contained HTML with its template (the type's own, or one named). */
export interface HtmlRenderer {
  render(document: DocumentModel, options?: { template?: string }): { html: string; templateVersion: string };
}
