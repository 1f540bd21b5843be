/**
 * Availability computed from durable state changes only: the append-only table {@code registry.node_state_change}
 * that the node status (nodestatus) writes, read through {@link io.chainwatch.registry.availability.StateChanges}
 * ({@link io.chainwatch.registry.availability.JdbcStateChanges}) — so any registry instance answers the same, across
 * restarts. {@link io.chainwatch.registry.availability.Availability} gives per node or group of nodes the time and
 * share per state, the outages with their cause (the reason recorded with the change), the availability over the
 * known time and the error budget left for an objective; {@link io.chainwatch.registry.availability.AlertHistory}
 * names each outage's alerts from the alert service's transitions stored in {@code registry.audit_log}. {@link io.chainwatch.registry.availability.AvailabilityController}
 * serves {@code GET /api/v1/nodes/{id}/availability}, {@code GET /api/v1/chains/{id}/availability} (with the chain's
 * objective) and {@code GET /api/v1/alliances/{id}/availability}, as JSON or CSV
 * ({@link io.chainwatch.registry.availability.AvailabilityCsv}), scoped to the caller's organization.
 */
package io.chainwatch.registry.availability;
