import { JsonNode, RubixException, javaNumberType } from './rule.ts';

/**
 * Emulator mirror of fluent-rules/src/main/java/com/folio/fluent/rules/SdkRuntime.java: how Folio's
 * rules read JSON that reaches them in the SDK's runtime types (the Javadoc there lists each assumption
 * and its source). A JsonNode here is a Jackson node, a plain object a java.util.Map, a string a
 * java.lang.String. Both languages give the same outcome and message for every vector; they may differ
 * only where JavaScript cannot know the Java value (`1.0` vs `1`) or in the hex case of rare `\u00xx`
 * escapes inside an excerpt.
 */

/** Longest excerpt of an unusable value in an error message (settings may hold URL tokens). */
export const EXCERPT_CHARS = 40;

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNode);
}

/** The parsed JSON text, or undefined when it is not exactly one JSON value. */
function parse(text: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** The JSON object in `value` (a JsonNode, a Map, or a String/TextNode holding JSON), or a RubixException. */
export function jsonObject(value: unknown, code: number, mustBe: string): Record<string, unknown> {
  let problem: string | undefined;
  const text = typeof value === 'string' ? value : value instanceof JsonNode && typeof value.json === 'string' ? value.json : undefined;
  if (isMap(value)) {
    return { ...value };
  } else if (text !== undefined) {
    const parsed = parse(text);
    if (parsed && isMap(parsed.json)) return parsed.json;
    problem = parsed ? kind(parsed.json) : 'not valid JSON';
  } else if (value instanceof JsonNode) {
    if (isMap(value.json)) return { ...value.json };
    problem = kind(value.json);
  }
  throw new RubixException(code, `${mustBe}; got ${describe(value, problem)}`);
}

/** The string in `value` (a String or a TextNode), or a RubixException like jsonObject. */
export function text(value: unknown, code: number, mustBe: string): string {
  if (typeof value === 'string') return value;
  if (value instanceof JsonNode && typeof value.json === 'string') return value.json;
  throw new RubixException(code, `${mustBe}; got ${describe(value, value instanceof JsonNode ? kind(value.json) : undefined)}`);
}

/** "java.lang.Integer: 42", "…ArrayNode (a JSON array): [1,2]", "java.lang.String (not valid JSON): \"{…" */
export function describe(value: unknown, problem: string | undefined): string {
  const what = `${javaClassOf(value)}${problem === undefined ? '' : ` (${problem})`}`;
  const json = JSON.stringify(value) as string | undefined;
  return json === undefined ? what : `${what}: ${excerpt(json)}`;
}

/** "a JSON array", "a JSON number", … (Jackson's JsonNodeType in words). */
export function kind(json: unknown): string {
  if (json === null || json === undefined) return 'JSON null';
  return `a JSON ${Array.isArray(json) ? 'array' : typeof json === 'object' ? 'object' : typeof json}`;
}

/** At most EXCERPT_CHARS UTF-16 units, never half a surrogate pair, "…" when cut. */
export function excerpt(json: string): string {
  if (json.length <= EXCERPT_CHARS) return json;
  let end = EXCERPT_CHARS;
  const last = json.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${json.slice(0, end)}…`;
}

/** The Java class a value has in the rule: a Jackson node, or what Jackson's untyped deserialisation makes. */
export function javaClassOf(value: unknown): string {
  if (value instanceof JsonNode) return value.javaClass;
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'number') {
    const type = javaNumberType(value);
    return type === 'BigInteger' ? 'java.math.BigInteger' : `java.lang.${type === 'Int' ? 'Integer' : type}`;
  }
  if (Array.isArray(value)) return 'java.util.ArrayList';
  if (isMap(value)) return 'java.util.LinkedHashMap';
  return typeof value;
}
