package io.chainwatch.registry.organization;

import java.util.UUID;

/**
 * Published (as a Spring application event, inside the transaction of the change) when a platform admin deactivated
 * or reactivated an organization, so that the parts that act on its state — the node targets the collectors poll —
 * follow it in the same transaction.
 */
public record OrganizationStateChanged(UUID orgId, boolean deactivated) {
}
