package com.folio.fluent.graphql.type;

import java.util.List;

/** STAND-IN for Apollo's generated `UpdatePaymentInput`: only the fields Folio sets (`ref` required, `attributes`). */
public final class UpdatePaymentInput {
    private final String ref;
    private final List<AttributeInput> attributes;

    private UpdatePaymentInput(Builder b) {
        this.ref = b.ref;
        this.attributes = b.attributes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String ref() { return ref; }
    public List<AttributeInput> attributes() { return attributes; }

    public static final class Builder {
        private String ref;
        private List<AttributeInput> attributes;

        private Builder() {
        }

        public Builder ref(String ref) { this.ref = ref; return this; }
        public Builder attributes(List<AttributeInput> attributes) { this.attributes = attributes; return this; }

        public UpdatePaymentInput build() {
            if (ref == null) throw new IllegalStateException("UpdatePaymentInput: ref is required");
            return new UpdatePaymentInput(this);
        }
    }
}
