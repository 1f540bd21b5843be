package io.chainwatch.registry.task;

/** What a step's execution says: done, or waiting (for approvals) to be run again when woken. */
public enum StepResult {
    DONE,
    WAIT
}
