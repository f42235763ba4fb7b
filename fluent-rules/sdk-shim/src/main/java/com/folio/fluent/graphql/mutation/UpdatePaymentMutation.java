package com.folio.fluent.graphql.mutation;

import com.apollographql.apollo.api.Mutation;
import com.apollographql.apollo.api.Operation;
import com.folio.fluent.graphql.type.UpdatePaymentInput;

import java.util.Collections;
import java.util.Map;

/**
 * STAND-IN for the class Apollo generates from src/main/graphql/mutation/UpdatePayment.graphql
 * (same package, builder and accessors; no response parsing).
 */
public final class UpdatePaymentMutation implements Mutation<UpdatePaymentMutation.Data, UpdatePaymentMutation.Data, UpdatePaymentMutation.Variables> {
    public static final String QUERY_DOCUMENT =
        "mutation UpdatePayment($input: UpdatePaymentInput) { updatePayment(input: $input) { id ref } }";

    private final Variables variables;

    private UpdatePaymentMutation(UpdatePaymentInput input) {
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
        private UpdatePaymentInput input;

        private Builder() {
        }

        public Builder input(UpdatePaymentInput input) {
            this.input = input;
            return this;
        }

        public UpdatePaymentMutation build() {
            return new UpdatePaymentMutation(input);
        }
    }

    public static final class Variables extends Operation.Variables {
        private final UpdatePaymentInput input;

        Variables(UpdatePaymentInput input) {
            this.input = input;
        }

        public UpdatePaymentInput input() {
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
