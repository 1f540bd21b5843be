package io.chainwatch.registry.businesschain;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PUT /api/v1/chains/{id}/business-chain}.
 *
 * @param businessChainId the business chain the monitored chain serves; its organization must be a member of it
 */
public record ChainLinkRequest(@NotNull UUID businessChainId) {
}
