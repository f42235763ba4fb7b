package com.fluentretail.rubix.action;

/** SHIM: marker for a queued action (only named by Context.pushAction). */
public interface Action {
}
