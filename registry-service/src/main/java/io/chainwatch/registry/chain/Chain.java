package io.chainwatch.registry.chain;

import java.time.Instant;
import java.util.UUID;

/** A stored chain. */
public record Chain(UUID id, UUID orgId, String name, Platform platform, Instant createdAt, long version) {
}
