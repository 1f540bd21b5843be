package io.chainwatch.alert.problem;

/** An unknown id in the path: 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super("No " + what + " with id " + id);
    }
}
