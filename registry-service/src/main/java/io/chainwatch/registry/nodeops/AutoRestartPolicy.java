package io.chainwatch.registry.nodeops;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A node's auto-restart policy; body of {@code PUT /api/v1/nodes/{id}/auto-restart} and its answer.
 *
 * @param afterSeconds how long the node's polls must have failed before a restart (N minutes = 60 N)
 * @param maxPerHour   most automatic restarts in any hour (K)
 */
public record AutoRestartPolicy(
        @NotNull Boolean enabled,
        @NotNull @Min(5) @Max(86_400) Integer afterSeconds,
        @NotNull @Min(1) @Max(60) Integer maxPerHour) {
}
