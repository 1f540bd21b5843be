package io.chainwatch.alert.lifecycle;

import java.time.Instant;
import java.util.UUID;

/** An alert as the REST API shows it. {@code nodeId} is null for chain-level alerts. */
public record AlertView(
        String fingerprint,
        UUID ruleId,
        String type,
        String severity,
        UUID orgId,
        UUID chainId,
        UUID nodeId,
        AlertStatus status,
        Instant startedAt,
        Instant resolvedAt,
        String summary,
        Instant updatedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        String orgName,
        String chainName,
        String nodeName) {
}
