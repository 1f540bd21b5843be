package io.chainwatch.registry.fabric;

import java.util.UUID;

import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.web.Access;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/chains/{id}/chaincodes/{name}/upgrade-readiness?channel=&version=}: a Fabric chaincode's
 * committed definition and who has approved the next sequence (see {@link FabricOperations#chaincodeUpgrade}).
 * Read-only; for the members of the chain's organization (others get 404).
 */
@RestController
class ChaincodeUpgradeController {

    private final FabricOperations fabric;
    private final ChainService chains;

    ChaincodeUpgradeController(FabricOperations fabric, ChainService chains) {
        this.fabric = fabric;
        this.chains = chains;
    }

    @GetMapping("/api/v1/chains/{id}/chaincodes/{name}/upgrade-readiness")
    ObjectNode upgradeReadiness(@PathVariable UUID id, @PathVariable String name,
            @RequestParam(required = false) String channel, @RequestParam(required = false) String version) {
        Access.visible(chains.get(id).orgId(), "chain", id);
        return fabric.chaincodeUpgrade(id, name, channel, version);
    }
}
