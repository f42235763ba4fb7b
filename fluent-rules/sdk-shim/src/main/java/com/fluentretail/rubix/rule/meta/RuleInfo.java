package com.fluentretail.rubix.rule.meta;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** SHIM of the rule metadata annotation the plugin manifest (Rubix-Rules) is built from. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    String name();

    String description() default "";

    EventInfo[] accepts() default {};

    EventInfo[] produces() default {};
}
