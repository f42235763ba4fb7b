package com.folio.fluent.graphql.type;

/**
 * STAND-IN for Apollo's generated input type `AttributeInput {name: String!, type: String!, value: Json!}`.
 * `value` takes plain Java values (public rule code passes Strings, numbers, Lists), so it stays Object.
 */
public final class AttributeInput {
    private final String name;
    private final String type;
    private final Object value;

    private AttributeInput(String name, String type, Object value) {
        this.name = name;
        this.type = type;
        this.value = value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() { return name; }
    public String type() { return type; }
    public Object value() { return value; }

    public static final class Builder {
        private String name;
        private String type;
        private Object value;

        private Builder() {
        }

        public Builder name(String name) { this.name = name; return this; }
        public Builder type(String type) { this.type = type; return this; }
        public Builder value(Object value) { this.value = value; return this; }

        public AttributeInput build() {
            if (name == null || type == null || value == null) {
                throw new IllegalStateException("AttributeInput: name, type and value are required");
            }
            return new AttributeInput(name, type, value);
        }
    }
}
