package io.chainwatch.registry.availability;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads durable state changes (the {@code node_state_change} table); the calculation knows nothing else. */
public interface StateChanges {

    /**
     * For each of {@code nodes}: its last change at or before {@code from} (the state the period starts in), then
     * every change in {@code (from, to)}, ordered by node and time.
     */
    List<StateChange> forPeriod(List<UUID> nodes, Instant from, Instant to);
}
