package io.chainwatch.alert.problem;

/** A request that conflicts with the current state (e.g. acknowledging a resolved alert): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
