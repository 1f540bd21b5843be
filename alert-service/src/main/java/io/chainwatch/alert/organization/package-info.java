/**
 * Organizations' state as the registry reports it ({@link io.chainwatch.events.OrganizationLifecycle} on
 * {@link io.chainwatch.events.Topics#ORGANIZATIONS}): {@link io.chainwatch.alert.organization.OrganizationStateListener}
 * keeps table {@code organization_state}, {@link io.chainwatch.alert.organization.OrganizationStates} answers whether
 * an organization is deactivated (then its alerts announce nothing, see the notification planner); a deactivation is
 * published as {@link io.chainwatch.alert.organization.OrganizationDeactivated} for the outbox to give up what waits,
 * a deletion as {@link io.chainwatch.alert.organization.OrganizationDeleted} for its data to be removed.
 * This package depends on no other package of the service.
 */
package io.chainwatch.alert.organization;
