package com.folio.fluent.graphql.type;

import java.util.List;

/** STAND-IN for Apollo's generated `UpdateCreditMemoInput`: only the fields Folio sets (`ref` required, `attributes`). */
public final class UpdateCreditMemoInput {
    private final String ref;
    private final List<AttributeInput> attributes;

    private UpdateCreditMemoInput(Builder b) {
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

        public UpdateCreditMemoInput build() {
            if (ref == null) throw new IllegalStateException("UpdateCreditMemoInput: ref is required");
            return new UpdateCreditMemoInput(this);
        }
    }
}
