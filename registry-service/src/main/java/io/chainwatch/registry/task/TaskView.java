package io.chainwatch.registry.task;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A task's progress as the API returns it.
 *
 * @param percent     share of steps done, 0 to 100
 * @param currentStep the step running or waiting (or the one that failed)
 * @param error       why it failed, {@code null} otherwise
 * @param approvals   decisions so far (join requests)
 */
public record TaskView(UUID id, String type, UUID orgId, String actor, UUID resourceId, TaskStatus status,
        int percent, String currentStep, String error, JsonNode input, List<StepView> steps, List<Approval> approvals,
        List<LogLine> log, Instant createdAt, Instant updatedAt, Instant finishedAt) {

    /** One step. */
    public record StepView(int seq, int stage, String name, String param, StepStatus status, int attempts) {
    }

    /** One organization's decision. */
    public record Approval(UUID orgId, String decision) {
    }

    /** One log line. */
    public record LogLine(Instant at, String level, String message) {
    }

    /** Without steps, approvals and log, for lists. */
    public record Summary(UUID id, String type, UUID orgId, String actor, UUID resourceId, TaskStatus status,
            String currentStep, String error, Instant createdAt, Instant updatedAt, Instant finishedAt) {
    }
}
