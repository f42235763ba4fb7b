package com.fluentretail.rubix.v2.action;

import com.apollographql.apollo.api.Mutation;
import com.apollographql.apollo.api.Operation;
import com.fluentretail.api.model.attribute.Attribute;
import com.fluentretail.rubix.event.Event;

import java.util.List;

/**
 * SHIM of Fluent's action factory: only the actions Folio's rules queue. The real factory also has
 * sendEvent and others. Exact generic bounds of mutation(...) in the real SDK are not public; the
 * rules pass an Apollo-generated mutation, which fits either way.
 */
public interface ActionFactory {
    void postWebhook(String url, Event event);

    <D extends Operation.Data, T, V extends Operation.Variables> void mutation(Mutation<D, T, V> mutation);

    /** A custom orchestration audit event (LogAction), as called in public rule code. */
    void log(String message, String detailedMessage, List<Attribute> attributes);
}
