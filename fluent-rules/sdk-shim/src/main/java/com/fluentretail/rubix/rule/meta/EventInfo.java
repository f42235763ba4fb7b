package com.fluentretail.rubix.rule.meta;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** SHIM: an event a rule accepts or produces. */
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface EventInfo {
    String eventName() default "";

    String entityType() default "";

    String entitySubtype() default "";

    String status() default "";
}
