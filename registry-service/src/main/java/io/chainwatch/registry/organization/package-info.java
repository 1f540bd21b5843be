/**
 * Organizations: the tenants that own chains. {@code /api/v1/organizations}; names are unique. A platform admin
 * deactivates and reactivates one ({@link io.chainwatch.registry.organization.OrganizationStateChanged} withdraws and
 * re-publishes its node targets in the same transaction); {@link io.chainwatch.registry.organization.DeactivatedOrganizations}
 * refuses the API requests of its callers, and {@code GET /internal/organizations/{id}/state} answers the gateway.
 */
package io.chainwatch.registry.organization;
