package com.folio.fluent.graphql.mutation;

import com.apollographql.apollo.api.Mutation;
import com.apollographql.apollo.api.Operation;
import com.folio.fluent.graphql.type.UpdateCreditMemoInput;

import java.util.Collections;
import java.util.Map;

/**
 * STAND-IN for the class Apollo generates from src/main/graphql/mutation/UpdateCreditMemo.graphql
 * (same package, builder and accessors; no response parsing).
 */
public final class UpdateCreditMemoMutation implements Mutation<UpdateCreditMemoMutation.Data, UpdateCreditMemoMutation.Data, UpdateCreditMemoMutation.Variables> {
    public static final String QUERY_DOCUMENT =
        "mutation UpdateCreditMemo($input: UpdateCreditMemoInput) { updateCreditMemo(input: $input) { id ref } }";

    private final Variables variables;

    private UpdateCreditMemoMutation(UpdateCreditMemoInput input) {
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
        private UpdateCreditMemoInput input;

        private Builder() {
        }

        public Builder input(UpdateCreditMemoInput input) {
            this.input = input;
            return this;
        }

        public UpdateCreditMemoMutation build() {
            return new UpdateCreditMemoMutation(input);
        }
    }

    public static final class Variables extends Operation.Variables {
        private final UpdateCreditMemoInput input;

        Variables(UpdateCreditMemoInput input) {
            this.input = input;
        }

        public UpdateCreditMemoInput input() {
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
