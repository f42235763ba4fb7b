import { OMS_FRAGMENT_SETTING } from './oms-manifest.ts';

/** The OMS web app's main manifest setting (REFERENCE.md §8), in ACCOUNT context. */
export const OMS_MAIN_MANIFEST_SETTING = 'fc.mystique.manifest.oms';

/** The route that pulls Folio's fragment into the main manifest (REFERENCE.md §8: `{type:'reference', settingName}`). */
export const FOLIO_FRAGMENT_ROUTE = { type: 'reference', settingName: OMS_FRAGMENT_SETTING } as const;

/** The exact step for an implementer when push cannot add the route itself. */
export const ADD_ROUTE_STEP = `in the account's ${OMS_MAIN_MANIFEST_SETTING} setting, add ${JSON.stringify(FOLIO_FRAGMENT_ROUTE)} to "routes"`;

export type MainManifestChange =
  | { kind: 'present' }
  | { kind: 'add'; manifest: Record<string, unknown> }
  | { kind: 'manual'; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What to do to the main manifest's value (parsed JSON) so it references Folio's fragment: nothing when
 * it already does, else the same manifest with the route appended (nothing else touched), or a reason
 * push must leave it to a person (not an object, no `routes` list).
 */
export function withFolioRoute(manifest: unknown): MainManifestChange {
  if (!isRecord(manifest)) return { kind: 'manual', reason: `${OMS_MAIN_MANIFEST_SETTING} is not a JSON object` };
  const routes = manifest.routes;
  if (!Array.isArray(routes)) return { kind: 'manual', reason: `${OMS_MAIN_MANIFEST_SETTING} has no "routes" list` };
  const present = routes.some((route) => isRecord(route) && route.type === FOLIO_FRAGMENT_ROUTE.type && route.settingName === FOLIO_FRAGMENT_ROUTE.settingName);
  return present ? { kind: 'present' } : { kind: 'add', manifest: { ...manifest, routes: [...routes, { ...FOLIO_FRAGMENT_ROUTE }] } };
}
