/**
 * Quotas per organization for the CDC service: its sources ({@code cdc-sources}). Default from configuration
 * ({@code chainwatch.cdc.quotas.sources}), a platform admin's override in {@code cdc.quota_override}
 * ({@code PUT /api/v1/quotas?orgId=}, reached only through the gateway's {@code /api/v1/organizations/{id}/quotas}).
 * A source over the limit is a 409 problem naming the quota, with nothing created.
 */
package io.chainwatch.cdc.quota;
