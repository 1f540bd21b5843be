package io.chainwatch.alert.organization;

import java.time.Instant;
import java.util.UUID;

/**
 * A platform admin deleted an organization (read from {@code chainwatch.organizations}; it is deactivated too); a
 * Spring application event, handled in the listener's transaction, for whoever holds the organization's data here
 * (rules, receivers, silences, alerts: {@code io.chainwatch.alert.orgdeletion}).
 */
public record OrganizationDeleted(UUID orgId, Instant at) {
}
