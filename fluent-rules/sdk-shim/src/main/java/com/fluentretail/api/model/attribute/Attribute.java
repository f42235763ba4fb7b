package com.fluentretail.api.model.attribute;

/** SHIM: attribute of a log action. Folio's rules only pass an empty list of these. */
public class Attribute {
}
