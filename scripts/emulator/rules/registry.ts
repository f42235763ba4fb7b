import { rule as sendEvent } from './core-send-event.ts';
import { rule as sendWebhook } from './core-send-webhook.ts';
import { rule as setState } from './core-set-state.ts';
import { RubixException, type Rule } from './rule.ts';

/** Rules by name without the account prefix: `[[account.id]].core.SetState` is `core.SetState`. */
export type RuleRegistry = ReadonlyMap<string, Rule>;

/**
 * Folio's plugin rules live in their own files (written alongside the Java plugin). They are imported
 * by path at start-up so the emulator still starts while one is missing or broken; running it then
 * fails the event with a message that names the file and the reason.
 */
const PLUGIN_RULE_FILES: Readonly<Record<string, string>> = {
  'folio.SendDocumentWebhook': './folio-send-document-webhook.ts',
  'folio.ApplyDocumentUpdate': './folio-apply-document-update.ts',
};

export async function loadRuleRegistry(): Promise<RuleRegistry> {
  const registry = new Map<string, Rule>([
    ['core.SetState', setState],
    ['core.SendWebhook', sendWebhook],
    ['core.SendEvent', sendEvent],
  ]);
  for (const [name, file] of Object.entries(PLUGIN_RULE_FILES)) registry.set(name, await importRule(name, file));
  return registry;
}

async function importRule(name: string, file: string): Promise<Rule> {
  let reason: string;
  try {
    const module = (await import(new URL(file, import.meta.url).href)) as { rule?: unknown };
    if (typeof module.rule === 'function') return module.rule as Rule;
    reason = 'it does not export `rule`';
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  return () => {
    throw new RubixException(500, `rule ${name} is unavailable: scripts/emulator/rules/${file.slice(2)} could not be loaded (${reason})`);
  };
}
