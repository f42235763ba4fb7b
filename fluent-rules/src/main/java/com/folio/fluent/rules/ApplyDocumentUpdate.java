package com.folio.fluent.rules;

import com.fluentretail.rubix.event.Event;
import com.fluentretail.rubix.exceptions.RubixException;
import com.fluentretail.rubix.rule.meta.EventInfo;
import com.fluentretail.rubix.rule.meta.RuleInfo;
import com.fluentretail.rubix.v2.context.Context;
import com.fluentretail.rubix.v2.rule.Rule;
import com.folio.fluent.graphql.type.AttributeInput;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the outcome Folio posts back (FolioDocumentGenerated / FolioDocumentFailed) onto the event's
 * entity: every allow-listed Folio attribute on the event is upserted with the entity type's update
 * mutation (FolioContract.EntityUpdate); anything else on the event is ignored and logged. It does
 * nothing else: the next rule of the ruleset (core.SetState) moves the workflow on.
 *
 * Mirrored for the emulator by scripts/emulator/rules/folio-apply-document-update.ts; both run the
 * vectors in fluent-rules/vectors/.
 */
@RuleInfo(
    name = "ApplyDocumentUpdate",
    description = "Upsert Folio's document attributes from the event onto the entity",
    accepts = {
        @EventInfo(entityType = "INVOICE"),
        @EventInfo(entityType = "CREDIT_MEMO"),
        @EventInfo(entityType = "ORDER"),
        @EventInfo(entityType = "FULFILMENT"),
        @EventInfo(entityType = "RETURN_ORDER"),
        @EventInfo(entityType = "PAYMENT")
    }
)
public class ApplyDocumentUpdate implements Rule {

    @Override
    public <C extends Context> void run(C context) {
        Event event = context.getEvent();
        String entityType = event.getEntityType();

        FolioContract.EntityUpdate update = FolioContract.EntityUpdate.forEntityType(entityType);
        if (update == null) {
            throw new RubixException(422, "ApplyDocumentUpdate: entity type '" + entityType + "' is not supported ("
                + FolioContract.EntityUpdate.supported() + ")");
        }
        String key = update.key == FolioContract.Key.REF ? event.getEntityRef() : event.getEntityId();
        if (isBlank(key)) {
            throw new RubixException(400, "ApplyDocumentUpdate: the " + entityType + " event has no "
                + update.key.eventField);
        }
        String retailerId = event.getRetailerId();
        if (update.needsRetailer && isBlank(retailerId)) {
            throw new RubixException(400, "ApplyDocumentUpdate: the " + entityType + " event has no retailerId");
        }

        Map<String, Object> attributes = event.getAttributes() == null
            ? Collections.<String, Object>emptyMap()
            : event.getAttributes();
        List<AttributeInput> inputs = new ArrayList<>();
        for (String name : FolioContract.ATTRIBUTE_ALLOW_LIST) {
            Object value = attributes.get(name);
            if (value == null) continue;
            String type = FolioContract.attributeType(name);
            String mustBe = "ApplyDocumentUpdate: attribute '" + name + "' must be ";
            // Event attribute values arrive as Jackson left them (SdkRuntime): JSON as a Map, JsonNode or JSON text.
            Object input = FolioContract.ATTRIBUTE_TYPE_JSON.equals(type)
                ? SdkRuntime.jsonObject(value, 400, mustBe + "a JSON object")
                : SdkRuntime.text(value, 400, mustBe + "a string");
            inputs.add(AttributeInput.builder().name(name).type(type).value(input).build());
        }
        if (inputs.isEmpty()) {
            throw new RubixException(400, "ApplyDocumentUpdate: the event carries none of Folio's attributes ("
                + String.join(", ", FolioContract.ATTRIBUTE_ALLOW_LIST) + ")");
        }

        TreeSet<String> ignored = new TreeSet<>();
        for (String name : attributes.keySet()) {
            if (!FolioContract.ATTRIBUTE_ALLOW_LIST.contains(name)) ignored.add(name);
        }
        if (!ignored.isEmpty()) {
            context.action().log("ApplyDocumentUpdate: ignored attributes not on Folio's allow-list",
                String.join(", ", ignored), Collections.emptyList());
        }

        context.action().mutation(update.mutation(key, retailerId, inputs));
    }

    private static boolean isBlank(String value) {
        return value == null || value.trim().isEmpty();
    }
}
