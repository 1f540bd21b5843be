package io.chainwatch.registry.task;

/** A stored step of a task. */
public record Step(int seq, int stage, String name, String param, StepStatus status, int attempts) {
}
