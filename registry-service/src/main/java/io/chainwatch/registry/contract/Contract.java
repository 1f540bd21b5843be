package io.chainwatch.registry.contract;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A deployed contract; {@code orgId} owns it (the chain's organization). {@code address} is what users call: the
 * ERC-1967 proxy of an {@code upgradeable} contract, the contract itself otherwise; {@code implementation} the code
 * behind it now (= address when not upgradeable), {@code abi} that code's ABI, {@code revision} how many
 * implementations it had. {@code deployer} the address of the signing key {@code signingKeyId} (null once that key
 * was deleted). {@code terminatedAt}: when ChainWatch stopped allowing invokes of it (null: active).
 */
public record Contract(UUID id, UUID chainId, UUID orgId, String name, String address, JsonNode abi, String txHash,
        String deployer, UUID signingKeyId, long blockNumber, Instant createdAt, long version, Instant terminatedAt,
        boolean upgradeable, String implementation, int revision) {
}
