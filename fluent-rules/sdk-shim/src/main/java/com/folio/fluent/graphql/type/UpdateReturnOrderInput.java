package com.folio.fluent.graphql.type;

import java.util.List;

/** STAND-IN for Apollo's generated `UpdateReturnOrderInput`: only the fields Folio sets (`ref: String!`, `retailer: RetailerId!`, `attributes`). */
public final class UpdateReturnOrderInput {
    private final String ref;
    private final RetailerId retailer;
    private final List<AttributeInput> attributes;

    private UpdateReturnOrderInput(Builder b) {
        this.ref = b.ref;
        this.retailer = b.retailer;
        this.attributes = b.attributes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String ref() { return ref; }
    public RetailerId retailer() { return retailer; }
    public List<AttributeInput> attributes() { return attributes; }

    public static final class Builder {
        private String ref;
        private RetailerId retailer;
        private List<AttributeInput> attributes;

        private Builder() {
        }

        public Builder ref(String ref) { this.ref = ref; return this; }
        public Builder retailer(RetailerId retailer) { this.retailer = retailer; return this; }
        public Builder attributes(List<AttributeInput> attributes) { this.attributes = attributes; return this; }

        public UpdateReturnOrderInput build() {
            if (ref == null || retailer == null) throw new IllegalStateException("UpdateReturnOrderInput: ref and retailer are required");
            return new UpdateReturnOrderInput(this);
        }
    }
}
