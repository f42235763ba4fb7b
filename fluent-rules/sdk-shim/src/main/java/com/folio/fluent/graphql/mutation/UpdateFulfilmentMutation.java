package com.folio.fluent.graphql.mutation;

import com.apollographql.apollo.api.Mutation;
import com.apollographql.apollo.api.Operation;
import com.folio.fluent.graphql.type.UpdateFulfilmentInput;

import java.util.Collections;
import java.util.Map;

/**
 * STAND-IN for the class Apollo generates from src/main/graphql/mutation/UpdateFulfilment.graphql
 * (same package, builder and accessors; no response parsing).
 */
public final class UpdateFulfilmentMutation implements Mutation<UpdateFulfilmentMutation.Data, UpdateFulfilmentMutation.Data, UpdateFulfilmentMutation.Variables> {
    public static final String QUERY_DOCUMENT =
        "mutation UpdateFulfilment($input: UpdateFulfilmentInput) { updateFulfilment(input: $input) { id ref } }";

    private final Variables variables;

    private UpdateFulfilmentMutation(UpdateFulfilmentInput input) {
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
        private UpdateFulfilmentInput input;

        private Builder() {
        }

        public Builder input(UpdateFulfilmentInput input) {
            this.input = input;
            return this;
        }

        public UpdateFulfilmentMutation build() {
            return new UpdateFulfilmentMutation(input);
        }
    }

    public static final class Variables extends Operation.Variables {
        private final UpdateFulfilmentInput input;

        Variables(UpdateFulfilmentInput input) {
            this.input = input;
        }

        public UpdateFulfilmentInput input() {
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
