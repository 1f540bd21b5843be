package io.chainwatch.registry.web;

import java.util.UUID;

/** An id, in the path or referenced from a request body, names nothing. Answered with 404. */
public class NotFoundException extends RuntimeException {

    /**
     * @param what the kind of thing looked for, e.g. "chain"
     * @param id   the id that names nothing
     */
    public NotFoundException(String what, UUID id) {
        super("No " + what + " with id " + id + " exists");
    }

    /** With a message of its own, for things not named by an id. */
    public NotFoundException(String message) {
        super(message);
    }
}
