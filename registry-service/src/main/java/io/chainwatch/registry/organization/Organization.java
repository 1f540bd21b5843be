package io.chainwatch.registry.organization;

import java.time.Instant;
import java.util.UUID;

/** A stored organization; {@code updatedAt} is {@code null} until its first update. */
public record Organization(UUID id, String name, String contactEmail, UserCategory category, String orgCode,
        Instant createdAt, Instant updatedAt, long version) {
}
