/**
 * Organizations' lifecycle as the registry reports it ({@link io.chainwatch.events.OrganizationLifecycle} on
 * {@link io.chainwatch.events.Topics#ORGANIZATIONS}): {@link io.chainwatch.cdc.organization.OrganizationListener}
 * records which organizations are deactivated (their sources are not read meanwhile) and stops and deletes every CDC
 * source of an organization a platform admin deleted.
 */
package io.chainwatch.cdc.organization;
