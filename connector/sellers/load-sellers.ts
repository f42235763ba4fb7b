import { z } from 'zod';
import { PermanentError } from '../core/errors.ts';
import type { FluentClient } from '../core/ports/fluent-client.ts';
import { fetchQuery } from '../fetch/fetch-query.ts';
import { sellerSchema, type Seller } from './seller.ts';

/**
 * The marketplace's sellers. Each is a Fluent retailer of the account whose `folio.seller` JSON
 * setting (context RETAILER, contextId = the retailer id) holds its data; sellers configured in
 * FOLIO_STATEMENT_SELLERS fill in those Fluent has no setting for (a setting wins for the same ref).
 * A setting that does not validate stops the run naming the setting and the field.
 */
export const SELLER_SETTING_NAME = 'folio.seller';

const SETTINGS_QUERY = `query FolioSellerSettings($name: [String], $context: [String!], $first: Int, $after: String) {
  settings(name: $name, context: $context, first: $first, after: $after) {
    pageInfo { hasNextPage }
    edges { cursor node { id name valueType value lobValue context contextId } }
  }
}`;

const settingsSchema = z.object({
  settings: z
    .object({
      pageInfo: z.object({ hasNextPage: z.boolean().nullish() }).nullish(),
      edges: z.array(z.object({ cursor: z.string().nullish(), node: z.object({ id: z.string(), name: z.string().nullish(), value: z.string().nullish(), lobValue: z.unknown(), context: z.string(), contextId: z.number().int() }).nullish() }).nullish()).nullish(),
    })
    .nullish(),
});

/** The seller a `folio.seller` setting describes: JSON in lobValue (a JSON setting) or in value (text). */
export function sellerFromSetting(setting: { id: string; value?: string | null | undefined; lobValue?: unknown; contextId: number }): Seller {
  const where = `setting ${SELLER_SETTING_NAME} of retailer ${setting.contextId}`;
  let json: unknown = setting.lobValue ?? undefined;
  if (typeof json === 'string' || json === undefined) {
    try {
      json = JSON.parse(typeof json === 'string' ? json : (setting.value ?? ''));
    } catch {
      throw new PermanentError(`${where} is not JSON`);
    }
  }
  const parsed = sellerSchema.safeParse({ ...(json as object), retailerId: String(setting.contextId) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PermanentError(`${where} is invalid at ${issue?.path.join('.') || '(setting)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export async function loadSellers(fluent: FluentClient, configured: readonly Seller[]): Promise<Seller[]> {
  const fromFluent: Seller[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await fetchQuery(fluent, SETTINGS_QUERY, { name: [SELLER_SETTING_NAME], context: ['RETAILER'], first: 100, after: after ?? null }, settingsSchema, 'seller settings');
    const edges = page.settings?.edges ?? [];
    for (const edge of edges) if (edge?.node) fromFluent.push(sellerFromSetting(edge.node));
    const last = edges.at(-1)?.cursor;
    if (!page.settings?.pageInfo?.hasNextPage || !last) break;
    after = last;
  }
  const refs = new Set(fromFluent.map((s) => s.ref));
  const sellers = [...fromFluent, ...configured.filter((s) => !refs.has(s.ref))];
  const seen = new Map<string, Seller>();
  for (const seller of sellers) {
    const other = seen.get(seller.ref);
    if (other) throw new PermanentError(`seller ${seller.ref} is set on retailers ${other.retailerId} and ${seller.retailerId}`);
    seen.set(seller.ref, seller);
  }
  return sellers.sort((a, b) => a.ref.localeCompare(b.ref));
}
