package io.chainwatch.registry.operations;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.monitoredchain.Platform;
import io.chainwatch.registry.web.ConflictException;

import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Sends a standard operation on a chain to the native adapter of the chain's platform. */
@Service
public class ChainOperationsRouter {

    private final ChainService chains;
    private final Map<Platform, ChainOperations> adapters = new EnumMap<>(Platform.class);

    ChainOperationsRouter(ChainService chains, List<ChainOperations> adapters) {
        this.chains = chains;
        for (ChainOperations adapter : adapters) {
            if (this.adapters.put(adapter.platform(), adapter) != null) {
                throw new IllegalStateException("two native adapters for " + adapter.platform());
            }
        }
    }

    /** 404 when the chain does not exist, 409 when no native adapter serves its platform. */
    public ObjectNode invoke(UUID chainId, String operationId, JsonNode inputs) {
        Chain chain = chains.get(chainId);
        ChainOperations adapter = adapters.get(chain.platform());
        if (adapter == null) {
            throw new ConflictException("Chain '" + chain.name() + "' is " + chain.platform()
                    + "; no native adapter serves that platform");
        }
        return adapter.invoke(chainId, operationId, inputs);
    }
}
