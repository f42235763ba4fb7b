package com.folio.fluent.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fluentretail.rubix.exceptions.RubixException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every assumption Folio's rules make about the Java types Fluent's Rules SDK hands them at run time,
 * in one place. Both rules read JSON only through this class. Sources: VERIFIED = seen in public rule
 * code or Fluent's docs; INFERRED = our best reading, confirmed only by a real account.
 *
 * <ol>
 *   <li>VERIFIED (public rule code: {@code ObjectNode lob = (ObjectNode) edge.node().lobValue();}, and
 *       {@code edge.node().lobValue().toString()} then parsed): a JSON setting's
 *       {@code GetSettings…Node.lobValue()} is a Jackson {@link JsonNode}, an {@code ObjectNode} for a JSON
 *       object; it is not a {@code java.util.Map}. Jackson (jackson-databind) is therefore on every
 *       plugin's class path.</li>
 *   <li>INFERRED: the generated {@code lobValue()} is declared {@code Object} (public code casts it), so a
 *       codegen or SDK version could hand a {@code Map} or a {@code String}; both are accepted.</li>
 *   <li>INFERRED: a setting saved as a JSON <em>string</em> arrives as a Jackson {@code TextNode} in
 *       {@code lobValue()}, or as a String in {@code value()} (a STRING/LOB setting holding JSON text);
 *       its text is parsed.</li>
 *   <li>VERIFIED (public rule code: {@code Map<String,Object> m = event.getAttributes();}): event attributes
 *       are a {@code Map<String, Object>}. INFERRED: nested JSON values come from Jackson's untyped
 *       deserialisation ({@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Integer}, …), but
 *       may be a {@code JsonNode} or a JSON string; all three are accepted, and a {@code TextNode} where a
 *       string is expected.</li>
 *   <li>VERIFIED (public rule code passes a String, an Integer, a float, a List of POJOs with type JSON):
 *       {@code AttributeInput.value(…)} (the {@code Json} input scalar) takes plain Java values. INFERRED:
 *       a {@code java.util.Map} is the form every serialiser the platform might use writes as a JSON
 *       object, so JSON attributes are handed on as a Map whatever form they arrived in.</li>
 * </ol>
 *
 * A value that fits none of these fails with a message naming its runtime class and a short excerpt (its
 * JSON, at most {@value #EXCERPT_CHARS} characters, control characters escaped), never the whole value.
 * Mirrored for the emulator by scripts/emulator/rules/folio-sdk-runtime.ts.
 */
final class SdkRuntime {
    /** Longest excerpt of an unusable value in an error message (settings may hold URL tokens). */
    static final int EXCERPT_CHARS = 40;

    /** Strict JSON like JavaScript's JSON.parse: nothing may follow the value. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SdkRuntime() {
    }

    /**
     * The JSON object in {@code value} (a JsonNode, a Map, or a String/TextNode holding JSON) as a plain
     * Map, or a RubixException(code, mustBe + "; got " + what it got).
     */
    static Map<String, Object> jsonObject(Object value, int code, String mustBe) {
        JsonNode tree = null;
        String problem = null;
        if (value instanceof Map) {
            return copy((Map<?, ?>) value);
        } else if (value instanceof String || (value instanceof JsonNode && ((JsonNode) value).isTextual())) {
            String text = value instanceof String ? (String) value : ((JsonNode) value).textValue();
            tree = parse(text);
            problem = tree == null ? "not valid JSON" : kind(tree);
            if (tree != null && tree.isObject()) return toMap(tree);
        } else if (value instanceof JsonNode) {
            tree = (JsonNode) value;
            if (tree.isObject()) return toMap(tree);
            problem = kind(tree);
        }
        throw new RubixException(code, mustBe + "; got " + describe(value, problem));
    }

    /** The string in {@code value} (a String or a Jackson TextNode), or a RubixException like {@link #jsonObject}. */
    static String text(Object value, int code, String mustBe) {
        if (value instanceof String) return (String) value;
        if (value instanceof JsonNode && ((JsonNode) value).isTextual()) return ((JsonNode) value).textValue();
        throw new RubixException(code, mustBe + "; got " + describe(value,
            value instanceof JsonNode ? kind((JsonNode) value) : null));
    }

    /** "java.lang.Integer: 42", "…ArrayNode (a JSON array): [1,2]", "java.lang.String (not valid JSON): \"{…" */
    static String describe(Object value, String problem) {
        String what = value.getClass().getName() + (problem == null ? "" : " (" + problem + ")");
        String json = json(value);
        return json == null ? what : what + ": " + excerpt(json);
    }

    /** "a JSON array", "a JSON number", … (JsonNodeType in words). */
    static String kind(JsonNode node) {
        if (node.isNull()) return "JSON null";
        return "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** At most EXCERPT_CHARS UTF-16 units, never half a surrogate pair, "…" when cut. */
    static String excerpt(String json) {
        if (json.length() <= EXCERPT_CHARS) return json;
        int end = EXCERPT_CHARS;
        if (Character.isHighSurrogate(json.charAt(end - 1))) end--;
        return json.substring(0, end) + "…";
    }

    /** The parsed JSON text, or null when it is not exactly one JSON value. */
    private static JsonNode parse(String text) {
        if (text.trim().isEmpty()) return null;
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** The value as JSON text (strings quoted and escaped), or null when Jackson cannot write it. */
    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException | RuntimeException e) { // Debian's 2.14 build also declares IOException
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(JsonNode object) {
        return MAPPER.convertValue(object, LinkedHashMap.class);
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) out.put(String.valueOf(entry.getKey()), entry.getValue());
        return out;
    }
}
