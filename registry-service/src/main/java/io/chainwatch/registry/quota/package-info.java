/**
 * Quotas per organization for what the registry holds: chains, nodes, the shortest poll interval of a node, and
 * active API keys. Defaults come from configuration ({@code chainwatch.registry.quotas.*}, {@link QuotaProperties});
 * a platform admin overrides them per organization ({@code PUT /api/v1/quotas?orgId=}, table
 * {@code registry.quota_override}). A create over a count limit is a 409 problem naming the quota, with nothing
 * written ({@link io.chainwatch.security.QuotaExceededException}); {@code GET /api/v1/quotas?orgId=} shows each limit and its usage. The
 * gateway combines this view with the alert and CDC services' into {@code GET /api/v1/organizations/{id}/quotas}.
 */
package io.chainwatch.registry.quota;
