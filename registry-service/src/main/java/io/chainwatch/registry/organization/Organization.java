package io.chainwatch.registry.organization;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored organization; {@code updatedAt} is {@code null} until its first update, {@code deactivatedAt} while it is
 * active, {@code deletedAt} unless a platform admin deleted it (then it is a tombstone: anonymized name, no contact
 * e-mail, still deactivated).
 */
public record Organization(UUID id, String name, String contactEmail, UserCategory category, String orgCode,
        Instant createdAt, Instant updatedAt, long version, Instant deactivatedAt, Instant deletedAt) {

    /** An active organization. */
    public Organization(UUID id, String name, String contactEmail, UserCategory category, String orgCode,
            Instant createdAt, Instant updatedAt, long version) {
        this(id, name, contactEmail, category, orgCode, createdAt, updatedAt, version, null, null);
    }

    /** Whether a platform admin deactivated it: its nodes are not polled and its callers are refused. */
    public boolean deactivated() {
        return deactivatedAt != null;
    }

    /** Whether a platform admin deleted it: what it owned is gone, the row is kept as a tombstone. */
    public boolean deleted() {
        return deletedAt != null;
    }
}
