package io.chainwatch.registry.provisioning;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.businesschain.BusinessChain;
import io.chainwatch.registry.businesschain.BusinessChainService;
import io.chainwatch.registry.web.Access;
import io.chainwatch.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/business-chains/{id}/provisioning}: build the business chain on a registered platform (an org
 * admin of the owning organization, with one of its own platforms), and see what it runs on (its members). Other
 * organizations get 404, as for a missing business chain.
 */
@RestController
@RequestMapping("/api/v1/business-chains/{id}/provisioning")
class ProvisioningController {

    private final ProvisioningService service;
    private final BusinessChainService businessChains;

    ProvisioningController(ProvisioningService service, BusinessChainService businessChains) {
        this.service = service;
        this.businessChains = businessChains;
    }

    @PostMapping
    ResponseEntity<ProvisioningService.Submitted> provision(@PathVariable UUID id,
            @Valid @RequestBody ProvisioningRequest request) {
        BusinessChain chain = visible(id);
        Access.require(Role.ORG_ADMIN);
        Access.requireOwnOrg(chain.ownerOrgId(), "Only the owning organization provisions this business chain.");
        ProvisioningService.Submitted submitted = service.submit(id, request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/tasks/" + submitted.taskId())).body(submitted);
    }

    @GetMapping
    ProvisioningService.State state(@PathVariable UUID id) {
        visible(id);
        return service.state(id);
    }

    private BusinessChain visible(UUID id) {
        BusinessChain chain = businessChains.getChain(id);
        Access.visibleToAny(chain.memberOrgIds(), "business chain", id);
        return chain;
    }
}
