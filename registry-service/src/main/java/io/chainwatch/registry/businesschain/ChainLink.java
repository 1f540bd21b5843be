package io.chainwatch.registry.businesschain;

import java.util.List;
import java.util.UUID;

/**
 * Which business chain a monitored chain serves, and so which alliances its nodes' targets carry.
 *
 * @param chainId         the monitored chain
 * @param businessChainId the business chain it serves, or {@code null}
 * @param allianceIds     the alliances of that business chain (what node targets carry); empty when none
 * @param version         the chain's row version (ETag of the chain)
 */
public record ChainLink(UUID chainId, UUID businessChainId, List<UUID> allianceIds, long version) {
}
