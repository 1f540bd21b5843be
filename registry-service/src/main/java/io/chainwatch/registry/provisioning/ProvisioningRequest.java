package io.chainwatch.registry.provisioning;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.chainwatch.registry.monitoredchain.Platform;

/**
 * Body of {@code POST /api/v1/business-chains/{id}/provisioning}.
 *
 * @param platformId     the registered platform (of the business chain's owner) that builds it
 * @param chainPlatform  what the platform's chains are, for monitoring: ETHEREUM (default) or FABRIC
 * @param consensus      consensus asked of the platform's createChain (default {@code raft})
 * @param subchains      names of the subchains (MULTI_SUBCHAIN_SHARED_NODES only; default one named after the
 *                       business chain)
 * @param pollIntervalMs poll interval of the new nodes (default 1000)
 */
public record ProvisioningRequest(
        @NotNull UUID platformId,
        Platform chainPlatform,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]*", message = "must be letters, digits, '_', '.' or '-'")
        String consensus,
        @Size(max = 20) List<@NotNull @Size(min = 1, max = 60)
                @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "must be letters, digits, '_', '.' or '-'") String> subchains,
        @Min(200) @Max(3_600_000) Long pollIntervalMs) {
}
