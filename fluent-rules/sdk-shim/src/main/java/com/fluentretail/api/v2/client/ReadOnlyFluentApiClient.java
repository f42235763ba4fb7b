package com.fluentretail.api.v2.client;

import com.apollographql.apollo.api.Operation;
import com.apollographql.apollo.api.Query;

/**
 * SHIM of the read-only GraphQL client a rule gets from context.api(). Public rule code casts the
 * result to the query's Data class, which is what Folio's rules do too.
 */
public interface ReadOnlyFluentApiClient {
    <D extends Operation.Data, T, V extends Operation.Variables> Operation.Data query(Query<D, T, V> query);
}
