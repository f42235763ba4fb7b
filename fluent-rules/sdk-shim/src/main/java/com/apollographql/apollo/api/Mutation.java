package com.apollographql.apollo.api;

/** SHIM: an Apollo-generated mutation. */
public interface Mutation<D extends Operation.Data, T, V extends Operation.Variables> extends Operation<D, T, V> {
}
