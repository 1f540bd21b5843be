package io.chainwatch.registry.contract;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.registry.secret.SecretView;

import tools.jackson.databind.JsonNode;

/**
 * A contract as the API returns it: the deployer's key only as set + fingerprint; {@code terminatedAt} once
 * terminated (no more invokes through ChainWatch).
 */
public record ContractResponse(UUID id, UUID chainId, UUID orgId, String name, String address, JsonNode abi,
        String txHash, String deployer, SecretView deployerKey, long blockNumber, Instant createdAt, long version,
        Instant terminatedAt) {
}
