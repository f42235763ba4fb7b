import { deepFreeze } from './deep-freeze.ts';
import type { DocumentModel } from './document-model.ts';

/**
 * Models that documentSchema has already checked. Each is frozen, so it is still what was checked when
 * a later step (the template engine) meets it again and can skip a second parse of the whole model.
 */
const checked = new WeakSet<DocumentModel>();

/** Marks a model fresh from documentSchema as checked, and freezes it. */
export function markChecked(model: DocumentModel): DocumentModel {
  checked.add(deepFreeze(model));
  return model;
}

export function isChecked(model: DocumentModel): boolean {
  return checked.has(model);
}

/** The model with its number: still checked when the model was (a number is any string). */
export function withNumber(model: DocumentModel, number: string): DocumentModel {
  const numbered = { ...model, number };
  return isChecked(model) ? markChecked(numbered) : numbered;
}
