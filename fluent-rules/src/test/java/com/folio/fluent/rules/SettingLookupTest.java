package com.folio.fluent.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fluentretail.rubix.event.Event;
import com.fluentretail.rubix.exceptions.RubixException;
import com.folio.fluent.graphql.query.GetSettingsQuery;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which setting SendDocumentWebhook uses when one name exists in several contexts (not expressible in vectors). */
class SettingLookupTest {
    /** A JSON setting as Fluent's SDK hands it: lobValue is a Jackson ObjectNode. */
    private static GetSettingsQuery.Node node(String context, int contextId, String url) {
        ObjectNode value = Vectors.MAPPER.createObjectNode();
        value.put("name", "FolioDocumentRequested");
        value.put("url", url);
        return new GetSettingsQuery.Node("1", "folio.webhook", "JSON", null, value, context, contextId);
    }

    private static String sentTo(GetSettingsQuery.Node... settings) {
        Event event = Event.builder().id(UUID.randomUUID()).name("CREATE").accountId("ACME").retailerId("7")
            .entityType("INVOICE").entityRef("INV-1").attributes(new HashMap<>()).build();
        Map<String, String> props = new HashMap<>();
        props.put("setting", "folio.webhook");
        props.put("documentType", "INVOICE");
        List<GetSettingsQuery.Node> list = Arrays.asList(settings);
        TestContext context = new TestContext(event, props, list);
        new SendDocumentWebhook().run(context);
        assertEquals(1, context.actions.webhooks.size());
        return context.actions.webhooks.get(0).url;
    }

    @Test
    void theEventRetailersSettingWinsOverTheAccountsAndGlobal() {
        assertEquals("https://retailer", sentTo(node("GLOBAL", 0, "https://global"), node("ACCOUNT", 0, "https://account"),
            node("RETAILER", 7, "https://retailer"), node("RETAILER", 8, "https://other")));
    }

    @Test
    void theAccountsSettingWinsOverGlobalAndOtherRetailers() {
        assertEquals("https://account", sentTo(node("RETAILER", 8, "https://other"), node("GLOBAL", 0, "https://global"),
            node("ACCOUNT", 0, "https://account")));
    }

    @Test
    void anotherRetailersSettingIsNeverUsed() {
        RubixException e = assertThrows(RubixException.class, () -> sentTo(node("RETAILER", 8, "https://other")));
        assertEquals(422, e.getCode());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aJacksonObjectNodeSettingIsRead() {
        GetSettingsQuery.Node setting = node("ACCOUNT", 0, "https://account");
        assertTrue(setting.lobValue() instanceof ObjectNode, "the shim hands an ObjectNode, as Fluent does");
        assertEquals("https://account", sentTo(setting));
    }

    @Test
    void aStringSettingHoldingJsonIsParsed() {
        GetSettingsQuery.Node text = new GetSettingsQuery.Node("1", "folio.webhook", "STRING",
            "{\"url\":\"https://x\"}", null, "ACCOUNT", 0);
        assertEquals("https://x", sentTo(text));
    }

    @Test
    void aStringSettingThatIsNotJsonIsRejectedWithAnExcerpt() {
        GetSettingsQuery.Node text = new GetSettingsQuery.Node("1", "folio.webhook", "STRING",
            "url=https://x", null, "ACCOUNT", 0);
        RubixException e = assertThrows(RubixException.class, () -> sentTo(text));
        assertEquals(422, e.getCode());
        assertEquals("SendDocumentWebhook: setting 'folio.webhook' must be a JSON object {\"name\":…,\"url\":…}; "
            + "got java.lang.String (not valid JSON): \"url=https://x\"", e.getMessage());
    }

    @Test
    void theSettingIsLoadedByNameWithOneQuery() {
        Event event = Event.builder().id(UUID.randomUUID()).retailerId("7").entityType("INVOICE").entityRef("INV-1").build();
        Map<String, String> props = new HashMap<>();
        props.put("setting", "folio.webhook");
        props.put("documentType", "INVOICE");
        TestContext context = new TestContext(event, props, Collections.singletonList(node("ACCOUNT", 0, "https://a")));
        new SendDocumentWebhook().run(context);
        assertEquals(1, context.queries.size());
        GetSettingsQuery query = (GetSettingsQuery) context.queries.get(0);
        assertEquals(Collections.singletonList("folio.webhook"), query.variables().name());
    }
}
