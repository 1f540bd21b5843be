package io.chainwatch.registry.contract;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One implementation a contract had ({@code GET /api/v1/contracts/{id}/versions}). {@code txHash}: the
 * implementation's deployment; {@code upgradeTxHash}: the proxy's {@code upgradeToAndCall} that switched to it
 * (null for revision 1); {@code signer}: the address that signed them.
 */
public record ContractRevision(int revision, String implementation, JsonNode abi, String txHash,
        String upgradeTxHash, long blockNumber, String signer, UUID signingKeyId, Instant createdAt) {
}
