package io.chainwatch.registry.task;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A stored task.
 *
 * @param orgId      the organization that asked for it
 * @param actor      who asked (audit entries of its steps name this actor)
 * @param resourceId the resource it works on (e.g. the alliance), if any
 * @param input      what the definition needs, as given at submission
 */
public record Task(UUID id, String type, UUID orgId, String actor, UUID resourceId, TaskStatus status, JsonNode input,
        String currentStep, String error, Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
