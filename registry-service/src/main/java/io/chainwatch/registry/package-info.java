/**
 * The registry service, kept in the PostgreSQL schema {@code registry}: organizations with their resource spaces,
 * alliances, business chains and blockchains, monitored chains and nodes, heterogeneous platforms behind the
 * standard interface, contracts, the tasks that run multi-step operations, notifications and the audit log. Every
 * node change reaches Kafka ({@code chainwatch.targets}) through a transactional outbox. This package holds the
 * application class and its typed configuration; each feature has its own package.
 * <p>
 * Security: requests come through the gateway, which vouches for the caller (subject, organization, role) in a
 * signed internal token that chainwatch-security's {@code CallerFilter} checks. Every endpoint is scoped to the
 * caller's organization ({@link io.chainwatch.registry.web.Access}): other organizations' resources answer 404, and
 * only a platform admin sees all. Organizations' API keys live in {@link io.chainwatch.registry.apikey}, their
 * Ethereum signing keys in {@link io.chainwatch.registry.signingkey}. URLs the
 * registry connects to pass the {@code UrlGuard}.
 */
package io.chainwatch.registry;
