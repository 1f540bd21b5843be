package io.chainwatch.registry.task;

/**
 * What one type of task does. The engine calls {@link #execute} inside a transaction that also marks the step
 * DONE (or WAITING), so a step's writes and its progress commit together; an exception rolls the step's writes
 * back and fails the task, after which {@link #compensate} is called, in its own transaction, for every DONE step
 * in reverse order.
 */
public interface TaskDefinition {

    /** The task type this definition runs, e.g. {@code alliance.create}. */
    String type();

    /** Runs one step; {@link StepResult#WAIT} leaves it waiting until the task is woken. */
    StepResult execute(Task task, Step step, TaskLog log);

    /** Undoes what a DONE step wrote. */
    void compensate(Task task, Step step, TaskLog log);

    /**
     * The organizations whose decisions the task waits for now (a decision from any other is refused); by default
     * those listed in its input under {@link TaskService#APPROVERS}.
     */
    default java.util.Set<java.util.UUID> approvers(Task task) {
        return TaskService.asked(task);
    }

    /**
     * Called once, after the rollback, in the transaction that marks the task FAILED: to record the outcome where
     * the user looks for it (e.g. a platform's rejection reason). Nothing by default.
     */
    default void failed(Task task, String error) {
    }
}
