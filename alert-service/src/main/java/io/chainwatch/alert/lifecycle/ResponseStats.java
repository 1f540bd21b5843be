package io.chainwatch.alert.lifecycle;

import java.util.UUID;

/**
 * Response figures of one chain (or, with {@code chainId} null, a whole organization) over a period.
 *
 * @param alerts       firing episodes started in the period
 * @param acknowledged of those, acknowledged
 * @param resolved     of those, resolved
 * @param mttaSeconds  mean time from firing to acknowledgement, null when none was acknowledged
 * @param mttrSeconds  mean time from firing to resolution, null when none was resolved
 */
public record ResponseStats(
        UUID orgId,
        String orgName,
        UUID chainId,
        String chainName,
        long alerts,
        long acknowledged,
        long resolved,
        Double mttaSeconds,
        Double mttrSeconds) {
}
