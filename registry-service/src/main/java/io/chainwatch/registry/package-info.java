/**
 * The registry service, kept in the PostgreSQL schema {@code registry}: organizations with their resource spaces,
 * alliances, business chains and blockchains, monitored chains and nodes, heterogeneous platforms behind the
 * standard interface, contracts, the tasks that run multi-step operations, notifications and the audit log. Every
 * node change reaches Kafka ({@code chainwatch.targets}) through a transactional outbox. This package holds the
 * application class and its typed configuration; each feature has its own package.
 */
package io.chainwatch.registry;
