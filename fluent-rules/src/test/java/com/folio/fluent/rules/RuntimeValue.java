package com.folio.fluent.rules;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A vector value that says in which Java type it reaches the rule: {"as": …, "value": …}.
 * Mirrored by `sdkValue` in test/fluent-rules/vectors.test.ts.
 */
final class RuntimeValue {
    /** Spelled as in the vectors. */
    enum As {
        /** A Jackson ObjectNode (value must be a JSON object): how Fluent's SDK hands a JSON setting. */
        ObjectNode,
        /** Any Jackson tree: ArrayNode, TextNode, IntNode, … */
        JsonNode,
        /** A java.util.LinkedHashMap (value must be a JSON object). */
        Map,
        /** A java.lang.String holding JSON text (value must be a string); for a setting: a STRING setting. */
        jsonString,
        /** What Jackson's untyped deserialisation gives: Integer, ArrayList, String, LinkedHashMap, … */
        raw
    }

    final As as;
    final Object value;

    private RuntimeValue(As as, Object value) {
        this.as = as;
        this.value = value;
    }

    /** The typed value, or null when json is not an object with exactly the keys "as" and "value". */
    static RuntimeValue of(Object json, String where) {
        if (!(json instanceof Map) || !((Map<?, ?>) json).keySet().equals(new HashSet<>(Arrays.asList("as", "value")))) {
            return null;
        }
        Map<?, ?> typed = (Map<?, ?>) json;
        As as;
        try {
            as = As.valueOf(String.valueOf(typed.get("as")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".as must be one of " + Arrays.toString(As.values()), e);
        }
        Object value = typed.get("value");
        boolean fits = as == As.ObjectNode || as == As.Map ? value instanceof Map
            : as != As.jsonString || value instanceof String;
        if (!fits) throw new IllegalArgumentException(where + ".value does not fit \"as\": " + as);
        return new RuntimeValue(as, value);
    }

    /** The Java value the rule receives. */
    Object javaValue() {
        switch (as) {
            case ObjectNode:
            case JsonNode:
                return Vectors.MAPPER.valueToTree(value);
            case Map:
                return new LinkedHashMap<>((Map<?, ?>) value);
            default:
                return value;
        }
    }
}
