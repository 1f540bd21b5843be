package io.chainwatch.registry.monitoredchain;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored chain.
 *
 * @param availabilityObjective the share of time its nodes should be up (0 &lt; objective &lt; 1, e.g. 0.999);
 *                              {@code null} when none is set
 */
public record Chain(UUID id, UUID orgId, String name, Platform platform, Instant createdAt, long version,
        Double availabilityObjective) {
}
