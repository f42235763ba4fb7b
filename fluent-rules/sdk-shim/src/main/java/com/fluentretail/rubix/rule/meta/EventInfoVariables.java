package com.fluentretail.rubix.rule.meta;

/** SHIM: placeholders meaning "same as the incoming event". The real values are Fluent's; these only need to be constants. */
public final class EventInfoVariables {
    public static final String EVENT_TYPE = "{{event.entityType}}";
    public static final String EVENT_SUBTYPE = "{{event.entitySubtype}}";
    public static final String EVENT_STATUS = "{{event.entityStatus}}";

    private EventInfoVariables() {
    }
}
