import { JsonNode, type SettingNode } from '../rules/rule.ts';
import type { EntityStore, Row } from '../store.ts';

/** The setting a rule gets: the most specific of RETAILER (this retailer) > ACCOUNT > GLOBAL, like Fluent's hierarchy. */
function pickSetting(store: EntityStore, name: string, retailerId: string): Row | undefined {
  const candidates = store.list('Setting', (s) => s.name === name);
  return (
    candidates.find((s) => s.context === 'RETAILER' && String(s.contextId) === retailerId) ??
    candidates.find((s) => s.context === 'ACCOUNT') ??
    candidates.find((s) => s.context === 'GLOBAL')
  );
}

/** A setting's value as a rule sees it (context.getSetting); JSON/LOB values come back parsed. */
export function settingValue(store: EntityStore, name: string, retailerId: string): unknown {
  const pick = pickSetting(store, name, retailerId);
  return pick && parse(pick);
}

/**
 * The same setting as Fluent's Java SDK hands it to a plugin rule (context.settingNode): `lobValue` is
 * the `Json` scalar of the GraphQL response parsed into a Jackson JsonNode (an ObjectNode for an object,
 * a TextNode for a JSON string), `value` the string column.
 */
export function settingNode(store: EntityStore, name: string, retailerId: string): SettingNode | undefined {
  const pick = pickSetting(store, name, retailerId);
  if (!pick) return undefined;
  return {
    valueType: String(pick.valueType),
    value: typeof pick.value === 'string' ? pick.value : null,
    lobValue: pick.lobValue === undefined || pick.lobValue === null ? null : new JsonNode(pick.lobValue),
  };
}

function parse(setting: Row): unknown {
  switch (setting.valueType) {
    case 'JSON':
    case 'LOB': {
      const raw = setting.lobValue ?? setting.value;
      if (typeof raw !== 'string') return raw;
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    }
    case 'INTEGER':
      return Number(setting.value);
    case 'BOOLEAN':
      return setting.value === 'true';
    default:
      return setting.value;
  }
}

/**
 * Creates or replaces an ACCOUNT-context setting (contextId 0, INFERRED as Fluent's account context id),
 * choosing the value type from the JavaScript value: objects become JSON settings.
 */
export function putSetting(store: EntityStore, name: string, value: unknown): Row {
  const columns =
    typeof value === 'string'
      ? { valueType: 'STRING', value, lobValue: null }
      : typeof value === 'number'
        ? { valueType: 'INTEGER', value: String(value), lobValue: null }
        : typeof value === 'boolean'
          ? { valueType: 'BOOLEAN', value: String(value), lobValue: null }
          : { valueType: 'JSON', value: null, lobValue: value };
  const existing = store.find('Setting', (s) => s.name === name && s.context === 'ACCOUNT' && s.contextId === 0);
  return existing
    ? store.update('Setting', existing.id, columns)
    : store.insert('Setting', { name, context: 'ACCOUNT', contextId: 0, ...columns });
}
