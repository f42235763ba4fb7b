package com.apollographql.apollo.api;

import java.util.Collections;
import java.util.Map;

/** SHIM of the Apollo (Java) operation type that generated query and mutation classes implement. */
public interface Operation<D extends Operation.Data, T, V extends Operation.Variables> {
    String queryDocument();

    V variables();

    interface Data {
    }

    class Variables {
        protected Variables() {
        }

        public Map<String, Object> valueMap() {
            return Collections.emptyMap();
        }
    }
}
