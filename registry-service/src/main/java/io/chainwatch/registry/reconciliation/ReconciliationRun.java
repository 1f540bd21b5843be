package io.chainwatch.registry.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One reconciliation of one platform, as stored and as the API returns it.
 *
 * @param trigger {@code SCHEDULE} or {@code REQUEST}
 * @param status  {@code OK} (differences applied) or {@code UNREACHABLE} (the platform did not answer; nothing
 *                changed, {@code error} says why)
 * @param chains  how many monitored chains the platform runs
 */
public record ReconciliationRun(UUID id, UUID platformId, UUID orgId, String trigger, String status, String error,
        int chains, List<Difference> differences, Instant startedAt, Instant finishedAt) {

    public static final String OK = "OK";
    public static final String UNREACHABLE = "UNREACHABLE";
}
