package io.chainwatch.registry.organization;

import java.time.Instant;
import java.util.UUID;

/** A stored organization. */
public record Organization(UUID id, String name, String contactEmail, Instant createdAt, long version) {
}
