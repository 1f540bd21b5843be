/**
 * Organizations' lifecycle as the registry reports it ({@link io.chainwatch.events.OrganizationLifecycle} on
 * {@link io.chainwatch.events.Topics#ORGANIZATIONS}): {@link io.chainwatch.cdc.organization.OrganizationListener}
 * stops and deletes every CDC source of an organization a platform admin deleted. (A deactivated organization's
 * sources keep being read; its samples' alerts announce nothing, see the alert service.)
 */
package io.chainwatch.cdc.organization;
