package io.chainwatch.registry.task;

/** Life of a task: PENDING → RUNNING ⇄ WAITING → SUCCEEDED or FAILED (rolled back). */
public enum TaskStatus {
    PENDING,
    RUNNING,
    WAITING,
    SUCCEEDED,
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
