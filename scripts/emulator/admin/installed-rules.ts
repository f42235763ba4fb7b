import type { RuleRegistry } from '../rules/registry.ts';
import type { PluginBundles } from './plugin-bundles.ts';

/**
 * Every rule name this account can use in a workflow: the emulator's built-in rules (core and Folio's
 * mirrored plugin, as `<ACCOUNT>.<name>`) and the rules of uploaded plugins that are ACTIVE.
 */
export function installedRuleNames(accountId: string, registry: RuleRegistry, bundles: PluginBundles): Set<string> {
  return new Set([...[...registry.keys()].map((name) => `${accountId}.${name}`), ...bundles.activeRules()]);
}

/**
 * GET /orchestration/rest/v1/plugin/ answers a map by rule name (REFERENCE.md §6). The emulator knows
 * names only, so ruleInfo carries the name and the other documented keys are empty.
 */
export function ruleCatalogue(names: Iterable<string>): Record<string, unknown> {
  return Object.fromEntries(
    [...names].sort().map((name) => [name, { eventAttributes: [], ruleInfo: { name: name.slice(name.lastIndexOf('.') + 1), description: '', accepts: [], produces: [], ruleException: [] }, parameters: [] }]),
  );
}
