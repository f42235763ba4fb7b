package com.folio.fluent.rules;

import com.apollographql.apollo.api.Operation;
import com.apollographql.apollo.api.Query;
import com.fluentretail.api.v2.client.ReadOnlyFluentApiClient;
import com.fluentretail.api.v2.model.Entity;
import com.fluentretail.rubix.action.Action;
import com.fluentretail.rubix.event.Event;
import com.fluentretail.rubix.v2.action.ActionFactory;
import com.fluentretail.rubix.v2.context.Context;
import com.folio.fluent.graphql.query.GetSettingsQuery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A rule context over an event, string props and a list of settings, recording actions. */
final class TestContext implements Context {
    private final Event event;
    private final Map<String, String> props;
    private final List<GetSettingsQuery.Node> settings;
    final RecordingActionFactory actions = new RecordingActionFactory();
    final List<Operation<?, ?, ?>> queries = new ArrayList<>();

    TestContext(Event event, Map<String, String> props, List<GetSettingsQuery.Node> settings) {
        this.event = event;
        this.props = props;
        this.settings = settings;
    }

    @Override
    public Entity getEntity() {
        return new Entity() {
        };
    }

    @Override
    public String getProp(String name) {
        return props.get(name);
    }

    @Override
    public <T> T getProp(String name, Class<T> type) {
        return type.cast(props.get(name));
    }

    @Override
    public <T> List<T> getPropList(String name, Class<T> type) {
        String value = props.get(name);
        return value == null ? Collections.<T>emptyList() : Collections.singletonList(type.cast(value));
    }

    @Override
    public ReadOnlyFluentApiClient api() {
        return new ReadOnlyFluentApiClient() {
            @Override
            public <D extends Operation.Data, T, V extends Operation.Variables> Operation.Data query(Query<D, T, V> query) {
                queries.add(query);
                if (!(query instanceof GetSettingsQuery)) {
                    throw new UnsupportedOperationException("no stub for " + query.getClass().getSimpleName());
                }
                List<String> names = ((GetSettingsQuery) query).variables().name();
                List<GetSettingsQuery.Edge> edges = new ArrayList<>();
                for (GetSettingsQuery.Node node : settings) {
                    if (names == null || names.contains(node.name())) edges.add(new GetSettingsQuery.Edge(node));
                }
                return new GetSettingsQuery.Data(new GetSettingsQuery.Settings(edges));
            }
        };
    }

    @Override
    public ActionFactory action() {
        return actions;
    }

    @Override
    public Event getEvent() {
        return event;
    }

    @Override
    public Context pushAction(Action action) {
        throw new UnsupportedOperationException("pushAction");
    }
}
