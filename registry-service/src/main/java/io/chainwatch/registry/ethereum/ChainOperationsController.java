package io.chainwatch.registry.ethereum;

import java.util.UUID;

import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.operations.ChainOperationsRouter;
import io.chainwatch.registry.platform.PlatformRequests;
import io.chainwatch.registry.web.Access;
import io.chainwatch.security.Role;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/chains/{id}/operations/{operation}} with {@code {"inputs": {...}}}: a standard operation of
 * the operations group, answered natively by the chain's nodes. Same answer shape as a registered platform's
 * {@code /api/v1/platforms/{id}/operations/{operation}}. The chain's platform picks the adapter (Ethereum, Fabric).
 * Only for the chain's own organization (others get 404) and an operator.
 */
@RestController
class ChainOperationsController {

    private final ChainOperationsRouter operations;
    private final ChainService chains;

    ChainOperationsController(ChainOperationsRouter operations, ChainService chains) {
        this.operations = operations;
        this.chains = chains;
    }

    @PostMapping("/api/v1/chains/{id}/operations/{operation}")
    ObjectNode invoke(@PathVariable UUID id, @PathVariable String operation,
            @RequestBody(required = false) PlatformRequests.Invoke request) {
        Access.visible(chains.get(id).orgId(), "chain", id);
        Access.require(Role.OPERATOR);
        return operations.invoke(id, operation, request == null ? null : request.inputs());
    }
}
