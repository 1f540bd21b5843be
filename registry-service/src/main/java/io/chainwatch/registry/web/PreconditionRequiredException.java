package io.chainwatch.registry.web;

/** An update came without {@code If-Match}. Answered with 428. */
public class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException(String message) {
        super(message);
    }
}
