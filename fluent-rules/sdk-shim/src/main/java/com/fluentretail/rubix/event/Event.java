package com.fluentretail.rubix.event;

import java.util.Map;
import java.util.UUID;

/**
 * SHIM of Fluent's event: the fields of the standard Event Model (REFERENCE.md §1.2, §2) with a
 * Lombok-style builder and toBuilder(). The real class has more (meta, scheduledOn, …); `type` may be
 * an enum there. Folio's rules only use the builder, the getters below and getAttributes().
 */
public final class Event {
    private final UUID id;
    private final String name;
    private final String accountId;
    private final String retailerId;
    private final String entityId;
    private final String entityRef;
    private final String entityType;
    private final String entitySubtype;
    private final String entityStatus;
    private final String rootEntityId;
    private final String rootEntityRef;
    private final String rootEntityType;
    private final String type;
    private final String source;
    private final Map<String, Object> attributes;

    private Event(Builder b) {
        this.id = b.id;
        this.name = b.name;
        this.accountId = b.accountId;
        this.retailerId = b.retailerId;
        this.entityId = b.entityId;
        this.entityRef = b.entityRef;
        this.entityType = b.entityType;
        this.entitySubtype = b.entitySubtype;
        this.entityStatus = b.entityStatus;
        this.rootEntityId = b.rootEntityId;
        this.rootEntityRef = b.rootEntityRef;
        this.rootEntityType = b.rootEntityType;
        this.type = b.type;
        this.source = b.source;
        this.attributes = b.attributes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).name(name).accountId(accountId).retailerId(retailerId)
            .entityId(entityId).entityRef(entityRef).entityType(entityType).entitySubtype(entitySubtype)
            .entityStatus(entityStatus).rootEntityId(rootEntityId).rootEntityRef(rootEntityRef)
            .rootEntityType(rootEntityType).type(type).source(source).attributes(attributes);
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public String getAccountId() { return accountId; }
    public String getRetailerId() { return retailerId; }
    public String getEntityId() { return entityId; }
    public String getEntityRef() { return entityRef; }
    public String getEntityType() { return entityType; }
    public String getEntitySubtype() { return entitySubtype; }
    public String getEntityStatus() { return entityStatus; }
    public String getRootEntityId() { return rootEntityId; }
    public String getRootEntityRef() { return rootEntityRef; }
    public String getRootEntityType() { return rootEntityType; }
    public String getType() { return type; }
    public String getSource() { return source; }
    public Map<String, Object> getAttributes() { return attributes; }

    @Override
    public String toString() {
        return "Event(id=" + id + ", name=" + name + ", entityType=" + entityType + ", entityRef=" + entityRef
            + ", entityId=" + entityId + ", attributes=" + attributes + ")";
    }

    public static final class Builder {
        private UUID id;
        private String name;
        private String accountId;
        private String retailerId;
        private String entityId;
        private String entityRef;
        private String entityType;
        private String entitySubtype;
        private String entityStatus;
        private String rootEntityId;
        private String rootEntityRef;
        private String rootEntityType;
        private String type;
        private String source;
        private Map<String, Object> attributes;

        private Builder() {
        }

        public Builder id(UUID id) { this.id = id; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder accountId(String accountId) { this.accountId = accountId; return this; }
        public Builder retailerId(String retailerId) { this.retailerId = retailerId; return this; }
        public Builder entityId(String entityId) { this.entityId = entityId; return this; }
        public Builder entityRef(String entityRef) { this.entityRef = entityRef; return this; }
        public Builder entityType(String entityType) { this.entityType = entityType; return this; }
        public Builder entitySubtype(String entitySubtype) { this.entitySubtype = entitySubtype; return this; }
        public Builder entityStatus(String entityStatus) { this.entityStatus = entityStatus; return this; }
        public Builder rootEntityId(String rootEntityId) { this.rootEntityId = rootEntityId; return this; }
        public Builder rootEntityRef(String rootEntityRef) { this.rootEntityRef = rootEntityRef; return this; }
        public Builder rootEntityType(String rootEntityType) { this.rootEntityType = rootEntityType; return this; }
        public Builder type(String type) { this.type = type; return this; }
        public Builder source(String source) { this.source = source; return this; }
        public Builder attributes(Map<String, Object> attributes) { this.attributes = attributes; return this; }

        public Event build() {
            return new Event(this);
        }
    }
}
