package com.folio.fluent.graphql.type;

/** STAND-IN for Apollo's generated input type `RetailerId {id: ID!}`. */
public final class RetailerId {
    private final String id;

    private RetailerId(String id) {
        this.id = id;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String id() { return id; }

    public static final class Builder {
        private String id;

        private Builder() {
        }

        public Builder id(String id) { this.id = id; return this; }

        public RetailerId build() {
            if (id == null) throw new IllegalStateException("RetailerId: id is required");
            return new RetailerId(id);
        }
    }
}
