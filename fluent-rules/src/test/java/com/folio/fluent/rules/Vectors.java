package com.folio.fluent.rules;

import com.apollographql.apollo.api.Mutation;
import com.fluentretail.rubix.event.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.folio.fluent.graphql.query.GetSettingsQuery;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the shared JSON vectors with Jackson (numbers as Integer/Long/Double, objects as LinkedHashMap, as
 * Fluent's own deserialisation gives them), builds the runtime values the vectors ask for, and turns
 * recorded actions into plain JSON-like values to compare.
 */
final class Vectors {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Set<String> EVENT_FIELDS = new HashSet<>(Arrays.asList(
        "id", "name", "accountId", "retailerId", "entityId", "entityRef", "entityType", "entitySubtype",
        "entityStatus", "rootEntityId", "rootEntityRef", "rootEntityType", "type", "source", "attributes"));

    private Vectors() {
    }

    static Path dir() {
        return Paths.get(System.getProperty("folio.vectors.dir", "vectors"));
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> stream = Files.list(dir())) {
            return stream.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (value == null) return new LinkedHashMap<>();
        if (!(value instanceof Map)) throw new IllegalArgumentException(what + " must be an object");
        return (Map<String, Object>) value;
    }

    static String string(Map<String, Object> from, String key, String what) {
        Object value = from.get(key);
        if (value == null) return null;
        if (!(value instanceof String)) throw new IllegalArgumentException(what + "." + key + " must be a string");
        return (String) value;
    }

    /** The vector's Fluent event as the SDK's Event; only Event Model fields, ids as strings. */
    static Event event(Map<String, Object> json) {
        for (String key : json.keySet()) {
            if (!EVENT_FIELDS.contains(key)) throw new IllegalArgumentException("event." + key + " is not an Event field");
        }
        String id = string(json, "id", "event");
        return Event.builder()
            .id(id == null ? null : UUID.fromString(id))
            .name(string(json, "name", "event"))
            .accountId(string(json, "accountId", "event"))
            .retailerId(string(json, "retailerId", "event"))
            .entityId(string(json, "entityId", "event"))
            .entityRef(string(json, "entityRef", "event"))
            .entityType(string(json, "entityType", "event"))
            .entitySubtype(string(json, "entitySubtype", "event"))
            .entityStatus(string(json, "entityStatus", "event"))
            .rootEntityId(string(json, "rootEntityId", "event"))
            .rootEntityRef(string(json, "rootEntityRef", "event"))
            .rootEntityType(string(json, "rootEntityType", "event"))
            .type(string(json, "type", "event"))
            .source(string(json, "source", "event"))
            .attributes(json.containsKey("attributes") ? attributes(map(json.get("attributes"), "event.attributes")) : null)
            .build();
    }

    /** Event attributes as Fluent hands them: plain (Jackson-deserialised) values, or a runtime-typed value. */
    static Map<String, Object> attributes(Map<String, Object> json) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : json.entrySet()) {
            RuntimeValue typed = RuntimeValue.of(entry.getValue(), "event.attributes." + entry.getKey());
            attributes.put(entry.getKey(), typed == null ? entry.getValue() : typed.javaValue());
        }
        return attributes;
    }

    static Map<String, String> props(Map<String, Object> json) {
        Map<String, String> props = new LinkedHashMap<>();
        for (String key : json.keySet()) props.put(key, string(json, key, "props"));
        return props;
    }

    /**
     * Vector settings are account-level: {name: {"as": …, "value": …}}. A jsonString is a STRING setting
     * whose `value` holds the text; every other form is a JSON setting whose `lobValue` is that Java value.
     */
    static List<GetSettingsQuery.Node> settings(Map<String, Object> json) {
        List<GetSettingsQuery.Node> nodes = new ArrayList<>();
        int id = 1;
        for (Map.Entry<String, Object> entry : json.entrySet()) {
            RuntimeValue typed = RuntimeValue.of(entry.getValue(), "settings." + entry.getKey());
            if (typed == null) throw new IllegalArgumentException("settings." + entry.getKey() + " needs {\"as\", \"value\"}");
            boolean text = typed.as == RuntimeValue.As.jsonString;
            nodes.add(new GetSettingsQuery.Node(String.valueOf(id++), entry.getKey(), text ? "STRING" : "JSON",
                text ? (String) typed.value : null, text ? null : typed.javaValue(), "ACCOUNT", 0));
        }
        return nodes;
    }

    /** An event as its JSON body (null fields left out). */
    static Map<String, Object> eventBody(Event event) {
        Map<String, Object> body = new LinkedHashMap<>();
        put(body, "id", event.getId() == null ? null : event.getId().toString());
        put(body, "name", event.getName());
        put(body, "accountId", event.getAccountId());
        put(body, "retailerId", event.getRetailerId());
        put(body, "entityId", event.getEntityId());
        put(body, "entityRef", event.getEntityRef());
        put(body, "entityType", event.getEntityType());
        put(body, "entitySubtype", event.getEntitySubtype());
        put(body, "entityStatus", event.getEntityStatus());
        put(body, "rootEntityId", event.getRootEntityId());
        put(body, "rootEntityRef", event.getRootEntityRef());
        put(body, "rootEntityType", event.getRootEntityType());
        put(body, "type", event.getType());
        put(body, "source", event.getSource());
        put(body, "attributes", plain(event.getAttributes()));
        return body;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) map.put(key, value);
    }

    /** GraphQL field of a generated mutation class: UpdateInvoiceMutation → updateInvoice. */
    static String mutationName(Mutation<?, ?, ?> mutation) {
        String simple = mutation.getClass().getSimpleName();
        String operation = simple.endsWith("Mutation") ? simple.substring(0, simple.length() - "Mutation".length()) : simple;
        return Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
    }

    /** {"mutation": "updateInvoice", "input": {…}} from a generated mutation and its `input` variable. */
    static Map<String, Object> mutationCall(Mutation<?, ?, ?> mutation) throws ReflectiveOperationException {
        Object variables = mutation.variables();
        Object input = variables.getClass().getMethod("input").invoke(variables);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("mutation", mutationName(mutation));
        call.put("input", plain(input));
        return call;
    }

    /** JSON-like value of an Apollo input object (its accessor methods), map, list or scalar. */
    static Object plain(Object value) {
        if (value instanceof JsonNode) return MAPPER.convertValue(value, Object.class);
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) return value;
        if (value instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) out.put(String.valueOf(entry.getKey()), plain(entry.getValue()));
            return out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object item : (List<?>) value) out.add(plain(item));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Method method : value.getClass().getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) continue;
            if (method.getParameterCount() != 0 || method.getReturnType() == void.class) continue;
            if (Arrays.asList("toString", "hashCode", "toBuilder", "marshaller").contains(method.getName())) continue;
            try {
                Object field = method.invoke(value);
                if (field != null) out.put(method.getName(), plain(field));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
