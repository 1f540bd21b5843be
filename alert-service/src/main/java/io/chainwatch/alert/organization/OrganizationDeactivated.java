package io.chainwatch.alert.organization;

import java.time.Instant;
import java.util.UUID;

/**
 * An organization was deactivated (recorded here from {@code chainwatch.organizations}); a Spring application event
 * for whoever holds something of the organization that must stop (the notification outbox).
 */
public record OrganizationDeactivated(UUID orgId, Instant at) {
}
