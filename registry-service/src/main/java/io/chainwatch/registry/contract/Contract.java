package io.chainwatch.registry.contract;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A deployed contract; {@code orgId} owns it (the chain's organization). {@code terminatedAt}: when ChainWatch
 * stopped allowing invokes of it (null: active).
 */
public record Contract(UUID id, UUID chainId, UUID orgId, String name, String address, JsonNode abi, String txHash,
        String deployer, UUID deployerKeySecretId, long blockNumber, Instant createdAt, long version,
        Instant terminatedAt) {
}
