package io.chainwatch.registry.ethereum;

import java.util.UUID;

import io.chainwatch.registry.operations.ChainOperationsRouter;
import io.chainwatch.registry.platform.PlatformRequests;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/chains/{id}/operations/{operation}} with {@code {"inputs": {...}}}: a standard operation of
 * the operations group, answered natively by the chain's nodes. Same answer shape as a registered platform's
 * {@code /api/v1/platforms/{id}/operations/{operation}}. The chain's platform picks the adapter (Ethereum, Fabric).
 */
@RestController
class ChainOperationsController {

    private final ChainOperationsRouter operations;

    ChainOperationsController(ChainOperationsRouter operations) {
        this.operations = operations;
    }

    @PostMapping("/api/v1/chains/{id}/operations/{operation}")
    ObjectNode invoke(@PathVariable UUID id, @PathVariable String operation,
            @RequestBody(required = false) PlatformRequests.Invoke request) {
        return operations.invoke(id, operation, request == null ? null : request.inputs());
    }
}
