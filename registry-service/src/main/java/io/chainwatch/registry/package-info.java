/**
 * The registry service: organizations, their chains and the monitored nodes of each chain, kept in the
 * PostgreSQL schema {@code registry}. Every node change reaches Kafka ({@code chainwatch.targets}) through a
 * transactional outbox. This package holds the application class and its typed configuration.
 */
package io.chainwatch.registry;
