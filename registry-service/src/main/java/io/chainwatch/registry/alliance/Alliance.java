package io.chainwatch.registry.alliance;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored alliance.
 *
 * @param platform the platform type (oemType) its chains run on, e.g. {@code FABRIC}
 * @param status   {@code CREATING} while its create task runs, then {@code ACTIVE}, or {@code DELETED}
 */
public record Alliance(UUID id, String unionId, String name, String platform, UUID creatorOrgId, String status,
        Instant createdAt, Instant updatedAt, long version) {

    public static final String CREATING = "CREATING";
    public static final String ACTIVE = "ACTIVE";
    public static final String DELETED = "DELETED";
}
