package io.chainwatch.registry.contract;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A contract as the API returns it. {@code address}: what to call (the proxy of an upgradeable contract);
 * {@code implementation}: the code behind it now and {@code abi} its ABI; {@code revision}: 1 as deployed, +1 per
 * upgrade ({@code GET .../versions} lists them). {@code signingKeyId}: the organization signing key that deployed
 * it (and is the proxy's admin), {@code deployer} its address. {@code terminatedAt} once terminated (no more
 * invokes through ChainWatch).
 */
public record ContractResponse(UUID id, UUID chainId, UUID orgId, String name, String address, JsonNode abi,
        String txHash, String deployer, UUID signingKeyId, long blockNumber, Instant createdAt, long version,
        Instant terminatedAt, boolean upgradeable, String implementation, int revision) {
}
