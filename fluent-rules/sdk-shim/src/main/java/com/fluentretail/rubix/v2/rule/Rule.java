package com.fluentretail.rubix.v2.rule;

import com.fluentretail.rubix.v2.context.Context;

/** SHIM of Fluent's rule interface (REFERENCE.md §6): one method, run with the rule's context. */
public interface Rule {
    <C extends Context> void run(C context);
}
