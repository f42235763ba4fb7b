package com.fluentretail.rubix.rule.meta;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** SHIM: a string prop of a rule (repeatable). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(ParamStrings.class)
public @interface ParamString {
    String name();

    String description() default "";

    String defaultValue() default "";
}
