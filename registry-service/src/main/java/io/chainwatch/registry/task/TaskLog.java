package io.chainwatch.registry.task;

/** Lines of a task's log, written in the step's transaction. */
@FunctionalInterface
public interface TaskLog {

    void info(String message);
}
