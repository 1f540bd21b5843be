package io.chainwatch.registry.organization;

import java.time.Instant;
import java.util.UUID;

/** An organization as the API returns it. */
public record OrganizationResponse(UUID id, String name, String contactEmail, Instant createdAt) {

    static OrganizationResponse of(Organization organization) {
        return new OrganizationResponse(organization.id(), organization.name(), organization.contactEmail(),
                organization.createdAt());
    }
}
