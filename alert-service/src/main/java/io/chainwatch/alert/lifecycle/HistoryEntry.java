package io.chainwatch.alert.lifecycle;

import java.time.Instant;
import java.util.UUID;

/** One firing episode of an alert, for the history API; times to acknowledge / resolve in seconds when known. */
public record HistoryEntry(
        String fingerprint,
        UUID ruleId,
        String type,
        String severity,
        UUID orgId,
        String orgName,
        UUID chainId,
        String chainName,
        UUID nodeId,
        String nodeName,
        Instant startedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        Double secondsToAcknowledge,
        Double secondsToResolve,
        String summary) {
}
