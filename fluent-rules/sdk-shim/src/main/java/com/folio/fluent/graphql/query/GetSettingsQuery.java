package com.folio.fluent.graphql.query;

import com.apollographql.apollo.api.Operation;
import com.apollographql.apollo.api.Query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STAND-IN for the class Apollo generates from src/main/graphql/query/GetSettings.graphql: same
 * package, builder, variables and response classes (Data → settings → edges → node). `lobValue` is the
 * `Json` scalar: declared Object (public rule code casts it), and at run time the Jackson JsonNode the
 * SDK parsed the response into (an ObjectNode for a JSON object), as in Fluent (SdkRuntime.java lists
 * the sources). The tests construct nodes the way the SDK does: JsonNode lobValues.
 */
public final class GetSettingsQuery implements Query<GetSettingsQuery.Data, GetSettingsQuery.Data, GetSettingsQuery.Variables> {
    public static final String QUERY_DOCUMENT =
        "query GetSettings($name: [String], $first: Int) { settings(name: $name, first: $first) "
            + "{ edges { node { id name valueType value lobValue context contextId } } } }";

    private final Variables variables;

    private GetSettingsQuery(List<String> name, Integer first) {
        this.variables = new Variables(name, first);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String queryDocument() {
        return QUERY_DOCUMENT;
    }

    @Override
    public Variables variables() {
        return variables;
    }

    public static final class Builder {
        private List<String> name;
        private Integer first;

        private Builder() {
        }

        public Builder name(List<String> name) { this.name = name; return this; }
        public Builder first(Integer first) { this.first = first; return this; }

        public GetSettingsQuery build() {
            return new GetSettingsQuery(name, first);
        }
    }

    public static final class Variables extends Operation.Variables {
        private final List<String> name;
        private final Integer first;

        Variables(List<String> name, Integer first) {
            this.name = name;
            this.first = first;
        }

        public List<String> name() { return name; }
        public Integer first() { return first; }

        @Override
        public Map<String, Object> valueMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", name);
            map.put("first", first);
            return Collections.unmodifiableMap(map);
        }
    }

    public static final class Data implements Operation.Data {
        private final Settings settings;

        public Data(Settings settings) { this.settings = settings; }

        public Settings settings() { return settings; }
    }

    public static final class Settings {
        private final List<Edge> edges;

        public Settings(List<Edge> edges) { this.edges = edges; }

        public List<Edge> edges() { return edges; }
    }

    public static final class Edge {
        private final Node node;

        public Edge(Node node) { this.node = node; }

        public Node node() { return node; }
    }

    public static final class Node {
        private final String id;
        private final String name;
        private final String valueType;
        private final String value;
        private final Object lobValue;
        private final String context;
        private final int contextId;

        public Node(String id, String name, String valueType, String value, Object lobValue, String context, int contextId) {
            this.id = id;
            this.name = name;
            this.valueType = valueType;
            this.value = value;
            this.lobValue = lobValue;
            this.context = context;
            this.contextId = contextId;
        }

        public String id() { return id; }
        public String name() { return name; }
        public String valueType() { return valueType; }
        public String value() { return value; }
        public Object lobValue() { return lobValue; }
        public String context() { return context; }
        public int contextId() { return contextId; }
    }
}
