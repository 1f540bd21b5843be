/**
 * Availability computed from durable state changes ({@link io.chainwatch.registry.availability.StateChanges}, the
 * shape of the {@code node_state_change} table): {@link io.chainwatch.registry.availability.Availability} gives per
 * node or group of nodes the time and share per state, the outages with their cause, the availability over the known
 * time and the error budget left for an objective. Not yet served by the API: the table it reads arrives with the
 * registry's node status (nodestatus), and the endpoint {@code GET .../availability?from=&to=} is wired to it then.
 */
package io.chainwatch.registry.availability;
