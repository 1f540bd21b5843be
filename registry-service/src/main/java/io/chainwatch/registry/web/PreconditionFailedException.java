package io.chainwatch.registry.web;

/** {@code If-Match} names another version than the current one: someone changed it meanwhile. Answered with 412. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
