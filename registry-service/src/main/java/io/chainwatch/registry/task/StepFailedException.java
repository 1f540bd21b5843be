package io.chainwatch.registry.task;

/** A step cannot complete for a reason worth telling the user (rejected, no longer allowed...). */
public class StepFailedException extends RuntimeException {

    public StepFailedException(String message) {
        super(message);
    }
}
