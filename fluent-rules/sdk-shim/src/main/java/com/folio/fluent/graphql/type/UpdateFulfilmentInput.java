package com.folio.fluent.graphql.type;

import java.util.List;

/** STAND-IN for Apollo's generated `UpdateFulfilmentInput`: only the fields Folio sets (`id` required, `attributes`). */
public final class UpdateFulfilmentInput {
    private final String id;
    private final List<AttributeInput> attributes;

    private UpdateFulfilmentInput(Builder b) {
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

        public UpdateFulfilmentInput build() {
            if (id == null) throw new IllegalStateException("UpdateFulfilmentInput: id is required");
            return new UpdateFulfilmentInput(this);
        }
    }
}
