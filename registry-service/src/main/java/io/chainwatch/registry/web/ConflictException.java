package io.chainwatch.registry.web;

/** The request is well-formed but the registry's state does not allow it (not a member, already deleted...). 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
