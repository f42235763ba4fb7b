package com.folio.fluent.rules;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fluentretail.rubix.exceptions.RubixException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one place that knows the SDK's runtime types: each accepted form, and what a rejection says. */
class SdkRuntimeTest {
    private static final String MUST_BE = "x must be a JSON object";

    private static Map<String, Object> expected() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("url", "https://x");
        map.put("n", 1);
        return map;
    }

    private static String rejection(Object value) {
        RubixException e = assertThrows(RubixException.class, () -> SdkRuntime.jsonObject(value, 422, MUST_BE));
        assertEquals(422, e.getCode());
        return e.getMessage();
    }

    @Test
    void aJsonObjectIsReadFromAnObjectNodeAMapOrJsonText() {
        ObjectNode node = Vectors.MAPPER.createObjectNode().put("url", "https://x").put("n", 1);
        assertEquals(expected(), SdkRuntime.jsonObject(node, 422, MUST_BE));
        assertEquals(expected(), SdkRuntime.jsonObject(expected(), 422, MUST_BE));
        assertEquals(expected(), SdkRuntime.jsonObject(" {\"url\":\"https://x\",\"n\":1} ", 422, MUST_BE));
        assertEquals(expected(), SdkRuntime.jsonObject(JsonNodeFactory.instance.textNode("{\"url\":\"https://x\",\"n\":1}"), 422, MUST_BE));
    }

    @Test
    void anythingElseIsRejectedNamingItsClassWithAnExcerpt() {
        assertEquals(MUST_BE + "; got java.lang.Integer: 42", rejection(42));
        assertEquals(MUST_BE + "; got java.util.Arrays$ArrayList: [1,2]", rejection(Arrays.asList(1, 2)));
        assertEquals(MUST_BE + "; got com.fasterxml.jackson.databind.node.ArrayNode (a JSON array): [\"a\"]",
            rejection(Vectors.MAPPER.createArrayNode().add("a")));
        assertEquals(MUST_BE + "; got java.lang.String (a JSON number): \"7\"", rejection("7"));
        assertEquals(MUST_BE + "; got java.lang.String (not valid JSON): \"{}}\"", rejection("{}}"));
        assertEquals(MUST_BE + "; got java.lang.String (not valid JSON): \"\"", rejection(""));
    }

    @Test
    void theExcerptIsShortAndEscaped() {
        String message = rejection("line one\nline two\u0001 and then a long tail with https://x/?token=SECRET");
        assertEquals(MUST_BE + "; got java.lang.String (not valid JSON): \"line one\\nline two\\u0001 and then a lon…", message);
    }

    @Test
    void textIsAStringOrATextNode() {
        assertEquals("a", SdkRuntime.text("a", 400, "y must be a string"));
        assertEquals("a", SdkRuntime.text(JsonNodeFactory.instance.textNode("a"), 400, "y must be a string"));
        RubixException e = assertThrows(RubixException.class,
            () -> SdkRuntime.text(Collections.singletonMap("a", 1), 400, "y must be a string"));
        assertEquals("y must be a string; got java.util.Collections$SingletonMap: {\"a\":1}", e.getMessage());
        e = assertThrows(RubixException.class, () -> SdkRuntime.text(JsonNodeFactory.instance.numberNode(5), 400, "y must be a string"));
        assertEquals("y must be a string; got com.fasterxml.jackson.databind.node.IntNode (a JSON number): 5", e.getMessage());
    }
}
