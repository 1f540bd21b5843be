package io.chainwatch.registry.organization;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An organization as the API returns it. {@code resourceSpace} (never a secret, see
 * {@link ResourceSpaceResponse}) is given when one organization is read or written; lists give only
 * {@code resourceSpaceType}. {@code status} is {@code DEACTIVATED} (since {@code deactivatedAt}) after a platform admin
 * deactivated it, {@code DELETED} (since {@code deletedAt}) after a platform admin deleted it: then only its tombstone
 * is left (anonymized name, no contact e-mail), which only a platform admin reads and no list shows.
 */
public record OrganizationResponse(UUID id, String name, String contactEmail, Instant createdAt, UserCategory category,
        String orgCode, Instant updatedAt, long version, ResourceSpaceKind resourceSpaceType,
        @JsonInclude(JsonInclude.Include.NON_NULL) ResourceSpaceResponse resourceSpace, Status status,
        Instant deactivatedAt, Instant deletedAt) {

    /** Whether the organization works ({@code ACTIVE}), or a platform admin deactivated or deleted it. */
    public enum Status {
        ACTIVE, DEACTIVATED, DELETED
    }

    static OrganizationResponse of(Organization o, ResourceSpaceKind spaceKind, ResourceSpaceResponse space) {
        return new OrganizationResponse(o.id(), o.name(), o.contactEmail(), o.createdAt(), o.category(), o.orgCode(),
                o.updatedAt(), o.version(), spaceKind, space,
                o.deleted() ? Status.DELETED : o.deactivated() ? Status.DEACTIVATED : Status.ACTIVE,
                o.deactivatedAt(), o.deletedAt());
    }
}
