package com.folio.fluent.graphql.mutation;

import com.apollographql.apollo.api.Mutation;
import com.apollographql.apollo.api.Operation;
import com.folio.fluent.graphql.type.UpdateReturnOrderInput;

import java.util.Collections;
import java.util.Map;

/**
 * STAND-IN for the class Apollo generates from src/main/graphql/mutation/UpdateReturnOrder.graphql
 * (same package, builder and accessors; no response parsing).
 */
public final class UpdateReturnOrderMutation implements Mutation<UpdateReturnOrderMutation.Data, UpdateReturnOrderMutation.Data, UpdateReturnOrderMutation.Variables> {
    public static final String QUERY_DOCUMENT =
        "mutation UpdateReturnOrder($input: UpdateReturnOrderInput) { updateReturnOrder(input: $input) { id ref } }";

    private final Variables variables;

    private UpdateReturnOrderMutation(UpdateReturnOrderInput input) {
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
        private UpdateReturnOrderInput input;

        private Builder() {
        }

        public Builder input(UpdateReturnOrderInput input) {
            this.input = input;
            return this;
        }

        public UpdateReturnOrderMutation build() {
            return new UpdateReturnOrderMutation(input);
        }
    }

    public static final class Variables extends Operation.Variables {
        private final UpdateReturnOrderInput input;

        Variables(UpdateReturnOrderInput input) {
            this.input = input;
        }

        public UpdateReturnOrderInput input() {
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
