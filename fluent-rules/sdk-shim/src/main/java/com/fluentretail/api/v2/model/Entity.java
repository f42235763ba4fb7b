package com.fluentretail.api.v2.model;

/** SHIM: the entity the event is about. Folio's rules read entity fields from the event, so no members here. */
public interface Entity {
}
