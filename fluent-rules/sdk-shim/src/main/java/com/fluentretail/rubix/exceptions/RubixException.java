package com.fluentretail.rubix.exceptions;

/** SHIM of Fluent's rule exception: an HTTP-like code and a message (REFERENCE.md §6). */
public class RubixException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public RubixException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** Shim-only accessor used by the tests. */
    public int getCode() {
        return code;
    }
}
