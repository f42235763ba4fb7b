package com.fluentretail.rubix.v2.context;

import com.fluentretail.api.v2.client.ReadOnlyFluentApiClient;
import com.fluentretail.api.v2.model.Entity;
import com.fluentretail.rubix.action.Action;
import com.fluentretail.rubix.event.Event;
import com.fluentretail.rubix.v2.action.ActionFactory;

import java.util.List;

/** SHIM of Fluent's v2 rule context, with the methods seen in public rule code (REFERENCE.md §6). */
public interface Context {
    Entity getEntity();

    String getProp(String name);

    <T> T getProp(String name, Class<T> type);

    <T> List<T> getPropList(String name, Class<T> type);

    ReadOnlyFluentApiClient api();

    ActionFactory action();

    Event getEvent();

    Context pushAction(Action action);
}
