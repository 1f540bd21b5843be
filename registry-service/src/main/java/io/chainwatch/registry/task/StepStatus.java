package io.chainwatch.registry.task;

/** Life of a step: PENDING → RUNNING → DONE (→ COMPENSATED on rollback), WAITING, or FAILED. */
public enum StepStatus {
    PENDING,
    RUNNING,
    WAITING,
    DONE,
    FAILED,
    COMPENSATED
}
