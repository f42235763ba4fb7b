package com.folio.fluent.graphql.type;

import java.util.List;

/** STAND-IN for Apollo's generated `UpdateOrderInput`: only the fields Folio sets (`id` required, `attributes`). */
public final class UpdateOrderInput {
    private final String id;
    private final List<AttributeInput> attributes;

    private UpdateOrderInput(Builder b) {
        this.id = b.id;
        this.attributes = b.attributes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String id() { return id; }
    public List<AttributeInput> attributes() { return attributes; }

    public static final class Builder {
        private String id;
        private List<AttributeInput> attributes;

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }
        public Builder attributes(List<AttributeInput> attributes) { this.attributes = attributes; return this; }

        public UpdateOrderInput build() {
            if (id == null) throw new IllegalStateException("UpdateOrderInput: id is required");
            return new UpdateOrderInput(this);
        }
    }
}
