package com.apollographql.apollo.api;

/** SHIM: an Apollo-generated query. */
public interface Query<D extends Operation.Data, T, V extends Operation.Variables> extends Operation<D, T, V> {
}
