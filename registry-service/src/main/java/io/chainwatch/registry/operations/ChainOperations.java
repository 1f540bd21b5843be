package io.chainwatch.registry.operations;

import java.util.UUID;

import io.chainwatch.registry.monitoredchain.Platform;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standard operations group (ledger summary, transaction list, transaction, block list, monitoring, nodes,
 * chain info) answered natively by the nodes of a registered chain of one platform. One implementation per
 * platform, each in its own package ({@code ethereum}, {@code fabric}); {@link ChainOperationsRouter} picks it by
 * the chain's platform.
 */
public interface ChainOperations {

    /** The platform whose chains this adapter serves. */
    Platform platform();

    /**
     * Runs a standard operation on the chain.
     *
     * @param inputs the operation's inputs (a JSON object), or {@code null} for none
     * @return {@code {"operation": <id>, "result": {...}}}
     */
    ObjectNode invoke(UUID chainId, String operationId, JsonNode inputs);
}
