package io.chainwatch.registry.task;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST /api/v1/tasks/{id}/approvals}.
 *
 * @param orgId    the deciding organization (one the task waits for): the caller's own; optional except for a
 *                 platform admin (naming another organization is a 403)
 * @param decision {@code APPROVE} or {@code REJECT}
 */
public record DecisionRequest(UUID orgId, @NotNull Decision decision) {

    /** An approver's answer. */
    public enum Decision {
        APPROVE,
        REJECT
    }
}
