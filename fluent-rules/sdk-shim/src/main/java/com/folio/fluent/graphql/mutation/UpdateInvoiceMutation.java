package com.folio.fluent.graphql.mutation;

import com.apollographql.apollo.api.Mutation;
import com.apollographql.apollo.api.Operation;
import com.folio.fluent.graphql.type.UpdateInvoiceInput;

import java.util.Collections;
import java.util.Map;

/**
 * STAND-IN for the class Apollo generates from src/main/graphql/mutation/UpdateInvoice.graphql
 * (same package, builder and accessors; no response parsing).
 */
public final class UpdateInvoiceMutation implements Mutation<UpdateInvoiceMutation.Data, UpdateInvoiceMutation.Data, UpdateInvoiceMutation.Variables> {
    public static final String QUERY_DOCUMENT =
        "mutation UpdateInvoice($input: UpdateInvoiceInput) { updateInvoice(input: $input) { id ref } }";

    private final Variables variables;

    private UpdateInvoiceMutation(UpdateInvoiceInput input) {
        this.variables = new Variables(input);
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
        private UpdateInvoiceInput input;

        private Builder() {
        }

        public Builder input(UpdateInvoiceInput input) {
            this.input = input;
            return this;
        }

        public UpdateInvoiceMutation build() {
            return new UpdateInvoiceMutation(input);
        }
    }

    public static final class Variables extends Operation.Variables {
        private final UpdateInvoiceInput input;

        Variables(UpdateInvoiceInput input) {
            this.input = input;
        }

        public UpdateInvoiceInput input() {
            return input;
        }

        @Override
        public Map<String, Object> valueMap() {
            return Collections.<String, Object>singletonMap("input", input);
        }
    }

    public static final class Data implements Operation.Data {
    }
}
