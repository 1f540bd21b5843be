package io.chainwatch.registry.web;

/** A name is already taken within its parent (organization, chain). Answered with 409. */
public class DuplicateNameException extends RuntimeException {

    public DuplicateNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
