package io.chainwatch.alert.lifecycle;

import java.time.Instant;
import java.util.UUID;

/** A firing alert as the evaluator needs to know it (reloaded at startup so it is not announced again). */
public record FiringAlert(String fingerprint, UUID ruleId, UUID chainId, UUID nodeId, Instant startedAt) {
}
