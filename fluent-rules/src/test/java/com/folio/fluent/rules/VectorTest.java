package com.folio.fluent.rules;

import com.apollographql.apollo.api.Mutation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fluentretail.rubix.event.Event;
import com.fluentretail.rubix.exceptions.RubixException;
import com.fluentretail.rubix.v2.rule.Rule;
import com.folio.fluent.graphql.mutation.UpdateInvoiceMutation;
import com.folio.fluent.graphql.query.GetSettingsQuery;
import com.folio.fluent.graphql.type.AttributeInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs every shared vector (fluent-rules/vectors/*.json) through the Java rule it names. */
class VectorTest {
    private static final Set<String> VECTOR_KEYS = new HashSet<>(Arrays.asList(
        "rule", "description", "props", "settings", "entity", "event", "expect"));

    static Rule rule(String name) {
        if ("SendDocumentWebhook".equals(name)) return new SendDocumentWebhook();
        if ("ApplyDocumentUpdate".equals(name)) return new ApplyDocumentUpdate();
        throw new IllegalArgumentException("unknown rule " + name);
    }

    @Test
    void theVectorsCoverBothRules() throws Exception {
        Set<String> rules = new HashSet<>();
        for (Path file : Vectors.files()) rules.add(String.valueOf(Vectors.read(file).get("rule")));
        assertEquals(new HashSet<>(Arrays.asList("SendDocumentWebhook", "ApplyDocumentUpdate")), rules,
            "vectors in " + Vectors.dir().toAbsolutePath());
    }

    @TestFactory
    Stream<DynamicTest> vectors() throws Exception {
        List<Path> files = Vectors.files();
        assertTrue(files.size() >= 11, "expected the shared vectors in " + Vectors.dir().toAbsolutePath());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }

    private static void run(Path file) throws Exception {
        Map<String, Object> vector = Vectors.read(file);
        for (String key : vector.keySet()) {
            if (!VECTOR_KEYS.contains(key)) fail("unknown vector key '" + key + "'");
        }
        Event event = Vectors.event(Vectors.map(vector.get("event"), "event"));
        TestContext context = new TestContext(event,
            Vectors.props(Vectors.map(vector.get("props"), "props")),
            Vectors.settings(Vectors.map(vector.get("settings"), "settings")));
        Map<String, Object> expect = Vectors.map(vector.get("expect"), "expect");
        assertEquals(1, expect.size(), "expect has exactly one of webhooks, mutations, error");

        RubixException thrown = null;
        try {
            rule(String.valueOf(vector.get("rule"))).run(context);
        } catch (RubixException e) {
            thrown = e;
        }

        if (expect.containsKey("error")) {
            Map<String, Object> error = Vectors.map(expect.get("error"), "expect.error");
            assertNotNull(thrown, "expected RubixException " + error);
            assertEquals(((Number) error.get("code")).intValue(), thrown.getCode(), thrown.getMessage());
            if (error.containsKey("message")) {
                assertEquals(error.get("message"), thrown.getMessage());
            } else {
                String contains = (String) error.get("messageContains");
                assertNotNull(contains, "expect.error needs message or messageContains");
                assertTrue(thrown.getMessage().contains(contains),
                    "message '" + thrown.getMessage() + "' should contain '" + contains + "'");
            }
            assertTrue(context.actions.webhooks.isEmpty() && context.actions.mutations.isEmpty(), "no actions on error");
            return;
        }
        if (thrown != null) throw new AssertionError("unexpected RubixException " + thrown.getCode() + ": " + thrown.getMessage(), thrown);

        List<Object> webhooks = new ArrayList<>();
        for (RecordingActionFactory.Webhook webhook : context.actions.webhooks) {
            Map<String, Object> body = Vectors.eventBody(webhook.event);
            Object id = body.remove("id");
            assertNotNull(id, "webhook event has an id");
            assertEquals(id, UUID.fromString((String) id).toString(), "webhook event id is a UUID");
            assertNotEquals(event.getId() == null ? null : event.getId().toString(), id, "webhook event has a fresh id");
            Map<String, Object> call = new java.util.LinkedHashMap<>();
            call.put("url", webhook.url);
            call.put("body", body);
            webhooks.add(call);
        }
        List<Object> mutations = new ArrayList<>();
        for (Mutation<?, ?, ?> mutation : context.actions.mutations) mutations.add(Vectors.mutationCall(mutation));

        if (expect.containsKey("webhooks")) {
            assertEquals(expect.get("webhooks"), webhooks);
            assertEquals(0, mutations.size(), "no mutations expected");
        } else if (expect.containsKey("mutations")) {
            assertEquals(expect.get("mutations"), mutations);
            assertEquals(0, webhooks.size(), "no webhooks expected");
        } else {
            fail("expect needs webhooks, mutations or error: " + expect.keySet());
        }
    }

    @Test
    void theVectorsHandTheRulesJacksonNodesAsFluentDoes() throws Exception {
        Map<String, Object> send = Vectors.read(Vectors.dir().resolve("send-webhook-invoice-via-setting.json"));
        GetSettingsQuery.Node setting = Vectors.settings(Vectors.map(send.get("settings"), "settings")).get(0);
        assertTrue(setting.lobValue() instanceof ObjectNode, "the normal case: lobValue is an ObjectNode");

        Map<String, Object> apply = Vectors.read(Vectors.dir().resolve("apply-storage-as-object-node.json"));
        Event event = Vectors.event(Vectors.map(apply.get("event"), "event"));
        assertTrue(event.getAttributes().get("folioStorage") instanceof ObjectNode, "folioStorage arrives as an ObjectNode");
        assertTrue(event.getAttributes().get("folioViewUrl") instanceof TextNode, "folioViewUrl arrives as a TextNode");
        TestContext context = new TestContext(event, new HashMap<>(), new ArrayList<>());
        new ApplyDocumentUpdate().run(context);
        UpdateInvoiceMutation mutation = (UpdateInvoiceMutation) context.actions.mutations.get(0);
        for (AttributeInput input : mutation.variables().input().attributes()) {
            Class<?> expected = "folioStorage".equals(input.name()) ? Map.class : String.class;
            assertTrue(expected.isInstance(input.value()), input.name() + " is handed on as a plain " + expected.getSimpleName());
        }
    }

    @Test
    void ignoredAttributesAreLogged() throws Exception {
        Map<String, Object> vector = Vectors.read(Vectors.dir().resolve("apply-drops-non-allow-listed.json"));
        TestContext context = new TestContext(Vectors.event(Vectors.map(vector.get("event"), "event")),
            Vectors.props(Vectors.map(vector.get("props"), "props")), new ArrayList<>());
        new ApplyDocumentUpdate().run(context);
        assertEquals(1, context.actions.logs.size(), "one log action");
        String log = context.actions.logs.get(0);
        assertTrue(log.contains("allow-list"), log);
        List<String> ignored = Vectors.map(Vectors.map(vector.get("event"), "event").get("attributes"), "attributes")
            .keySet().stream().filter(name -> !FolioContract.ATTRIBUTE_ALLOW_LIST.contains(name)).collect(Collectors.toList());
        assertTrue(!ignored.isEmpty(), "the vector has ignored attributes");
        for (String name : ignored) assertTrue(log.contains(name), log + " names " + name);
    }
}
