package io.chainwatch.registry.task;

/**
 * One planned step.
 *
 * @param stage steps of the same stage run in parallel; stages run in increasing order
 * @param name  what the step does, e.g. {@code invite}
 * @param param what it does it to, e.g. the invited organization's id; may be {@code null}
 */
public record StepPlan(int stage, String name, String param) {
}
