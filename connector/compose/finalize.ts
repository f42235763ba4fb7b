import { markChecked } from '../core/checked-model.ts';
import { PermanentError } from '../core/errors.ts';
import { documentSchema, type DocumentModel, type DocumentModelInput } from '../core/document-model.ts';

/**
 * Every builder ends here: the model is validated, so a template never sees a document that breaks
 * the contract (and need not check it again). A failure names the field, and is permanent (the same data fails again).
 */
export function finalizeDocument(input: DocumentModelInput): DocumentModel {
  const parsed = documentSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(document)';
    throw new PermanentError(`${input.type} document is invalid at ${where}: ${issue?.message ?? 'invalid'}`, { details: { step: 'build', field: where } });
  }
  return markChecked(parsed.data);
}
