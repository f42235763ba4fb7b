/** Fluent's Attribute: `type` is a free string (STRING, JSON, INTEGER, …) and `value` any JSON. */
export interface Attribute {
  name: string;
  type: string;
  value: unknown;
}

/**
 * Fluent's update semantics for `attributes` (REFERENCE.md §4.1): unique by name; a matching name has
 * its type and value replaced, anything else is appended. Returns a new list; never mutates the old one.
 */
export function upsertAttributes(current: unknown, updates: readonly Attribute[] | null | undefined): Attribute[] {
  const result = Array.isArray(current) ? (current as Attribute[]).map((a) => ({ ...a })) : [];
  for (const update of updates ?? []) {
    const existing = result.find((a) => a.name === update.name);
    if (existing) {
      existing.type = update.type;
      existing.value = update.value;
    } else result.push({ name: update.name, type: update.type, value: update.value });
  }
  return result;
}
