package com.fluentretail.rubix.rule.meta;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** SHIM: container for repeated @ParamString (its real name is not public; rule code never names it). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ParamStrings {
    ParamString[] value();
}
