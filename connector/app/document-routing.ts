import { WEBHOOK_ATTRIBUTE } from '../fluent/contract.ts';
import type { FluentEvent } from '../fluent/event-model.ts';
import { PermanentError } from '../core/errors.ts';
import type { DocumentSourceResolver } from '../core/ports/document-source.ts';
import type { DocumentDeclaration } from './document-declaration.ts';

/**
 * The custom document the webhook asks for: documentType `CUSTOM:<name>` (or `CUSTOM_<NAME>`, the form
 * the SendDocumentWebhook rule's prop pattern allows); undefined when it names none.
 */
function customNameOf(documentType: string): string | undefined {
  const match = /^CUSTOM[:_](.+)$/i.exec(documentType);
  return match?.[1];
}

/**
 * How a webhook's documentType is compared: case-insensitively, and a custom name without its dashes,
 * underscores and spaces, since CUSTOM_GIFT_RECEIPT (the form the rule's prop pattern allows) names
 * gift-receipt and gift_receipt alike.
 */
function requestKey(documentType: string): string {
  const customName = customNameOf(documentType);
  return customName === undefined ? documentType.toUpperCase() : `CUSTOM:${customName.toUpperCase().replace(/[-_ ]/g, '')}`;
}

const CUSTOM_PREFIX = 'custom:';

/**
 * Picks the declaration for an event, in this order:
 * 1. the webhook's documentType attribute (the rule plugin sets it): a document type ("CREDIT_NOTE"),
 *    PACKAGE_INVOICE, or CUSTOM:<name> / CUSTOM_<NAME>;
 * 2. a declaration whose trigger is this entity type and webhook event name (custom documents);
 * 3. the declaration that is the entity type's default (INVOICE → invoice, debit note or package
 *    invoice by the invoice itself).
 * A document Folio knows but is not configured for is bad configuration; an entity type with no
 * document is nothing to do.
 */
export function routeDocuments(declarations: readonly DocumentDeclaration<unknown>[]): DocumentSourceResolver {
  const byRequest = new Map(declarations.flatMap((d) => d.requestedAs.map((name) => [requestKey(name), d] as const)));
  const customNames = declarations.flatMap((d) => (d.name?.startsWith(CUSTOM_PREFIX) ? [d.name.slice(CUSTOM_PREFIX.length)] : []));

  function named(event: FluentEvent, documentType: string): DocumentDeclaration<unknown> {
    const found = byRequest.get(requestKey(documentType));
    if (found) {
      if (found.madeFrom && !found.madeFrom.includes(event.entityType)) {
        const what = documentType.toLowerCase().replaceAll('_', ' ');
        throw new PermanentError(`a ${what} is made from a ${found.madeFrom.join(' or ')} event, not ${event.entityType}`);
      }
      return found;
    }
    const customName = customNameOf(documentType);
    if (customName !== undefined) throw new PermanentError(`no custom document named "${customName}" is declared (declared: ${customNames.join(', ') || 'none'})`);
    if (documentType.toLowerCase() === 'custom') throw new PermanentError('documentType custom needs a name (CUSTOM:<name>)');
    const known = declarations.flatMap((d) => d.requestedAs.filter((name) => customNameOf(name) === undefined).map((name) => name.toLowerCase()));
    throw new PermanentError(`unknown documentType "${documentType}"; expected one of ${[...known, 'custom:<name>'].join(', ')}`);
  }

  return (event) => {
    const documentType = event.attributes[WEBHOOK_ATTRIBUTE.documentType];
    if (typeof documentType === 'string' && documentType.length > 0) return named(event, documentType);
    // A webhook that sets documentType at all (even empty) is not a trigger's: the entity's default applies.
    const triggered = typeof documentType === 'string' ? undefined : declarations.find((d) => d.trigger?.entityType === event.entityType && d.trigger.event === event.name);
    return triggered ?? declarations.find((d) => d.defaultFor?.includes(event.entityType));
  };
}
