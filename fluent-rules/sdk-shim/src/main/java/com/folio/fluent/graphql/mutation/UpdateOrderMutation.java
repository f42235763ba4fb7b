package com.folio.fluent.graphql.mutation;

import com.apollographql.apollo.api.Mutation;
import com.apollographql.apollo.api.Operation;
import com.folio.fluent.graphql.type.UpdateOrderInput;

import java.util.Collections;
import java.util.Map;

/**
 * STAND-IN for the class Apollo generates from src/main/graphql/mutation/UpdateOrder.graphql
 * (same package, builder and accessors; no response parsing).
 */
public final class UpdateOrderMutation implements Mutation<UpdateOrderMutation.Data, UpdateOrderMutation.Data, UpdateOrderMutation.Variables> {
    public static final String QUERY_DOCUMENT =
        "mutation UpdateOrder($input: UpdateOrderInput) { updateOrder(input: $input) { id ref } }";

    private final Variables variables;

    private UpdateOrderMutation(UpdateOrderInput input) {
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
        private UpdateOrderInput input;

        private Builder() {
        }

        public Builder input(UpdateOrderInput input) {
            this.input = input;
            return this;
        }

        public UpdateOrderMutation build() {
            return new UpdateOrderMutation(input);
        }
    }

    public static final class Variables extends Operation.Variables {
        private final UpdateOrderInput input;

        Variables(UpdateOrderInput input) {
            this.input = input;
        }

        public UpdateOrderInput input() {
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
