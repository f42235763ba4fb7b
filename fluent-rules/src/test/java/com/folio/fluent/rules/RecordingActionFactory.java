package com.folio.fluent.rules;

import com.apollographql.apollo.api.Mutation;
import com.apollographql.apollo.api.Operation;
import com.fluentretail.api.model.attribute.Attribute;
import com.fluentretail.rubix.event.Event;
import com.fluentretail.rubix.v2.action.ActionFactory;

import java.util.ArrayList;
import java.util.List;

/** Records the actions a rule queues, in order. */
final class RecordingActionFactory implements ActionFactory {
    static final class Webhook {
        final String url;
        final Event event;

        Webhook(String url, Event event) {
            this.url = url;
            this.event = event;
        }
    }

    final List<Webhook> webhooks = new ArrayList<>();
    final List<Mutation<?, ?, ?>> mutations = new ArrayList<>();
    final List<String> logs = new ArrayList<>();

    @Override
    public void postWebhook(String url, Event event) {
        webhooks.add(new Webhook(url, event));
    }

    @Override
    public <D extends Operation.Data, T, V extends Operation.Variables> void mutation(Mutation<D, T, V> mutation) {
        mutations.add(mutation);
    }

    @Override
    public void log(String message, String detailedMessage, List<Attribute> attributes) {
        logs.add(message + ": " + detailedMessage);
    }
}
