/**
 * Organizations: the tenants that own chains. {@code /api/v1/organizations}; names are unique.
 */
package io.chainwatch.registry.organization;
