package io.chainwatch.registry.monitoredchain;

import java.time.Instant;
import java.util.UUID;

/**
 * A chain as the API returns it.
 *
 * @param availabilityObjective its availability objective (e.g. 0.999), {@code null} when none is set
 * @param version               raised by every change; the ETag ({@code "<version>"}) a change must name in If-Match
 */
public record ChainResponse(UUID id, UUID orgId, String name, Platform platform, Instant createdAt,
        Double availabilityObjective, long version) {

    static ChainResponse of(Chain chain) {
        return new ChainResponse(chain.id(), chain.orgId(), chain.name(), chain.platform(), chain.createdAt(),
                chain.availabilityObjective(), chain.version());
    }
}
