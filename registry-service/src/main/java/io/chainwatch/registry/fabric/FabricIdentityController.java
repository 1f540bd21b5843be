package io.chainwatch.registry.fabric;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.ETags;

import io.chainwatch.registry.web.Access;
import io.chainwatch.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/organizations/{orgId}/fabric-identities}: the client identities (per MSP) the registry uses
 * towards the organization's Fabric peers. {@code PUT .../{mspId}} {@code {certificatePem, privateKeyPem}} sets or
 * replaces one (201 / 200); responses show the certificate and {@code privateKey: {set, fingerprint}} only.
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/fabric-identities")
class FabricIdentityController {

    private final FabricIdentityService service;

    FabricIdentityController(FabricIdentityService service) {
        this.service = service;
    }

    @PutMapping("/{mspId}")
    ResponseEntity<FabricIdentityResponse> put(@PathVariable UUID orgId, @PathVariable String mspId,
            @Valid @RequestBody FabricIdentityRequest request) {
        Access.visible(orgId, "organization", orgId);
        Access.require(Role.ORG_ADMIN);
        FabricIdentityService.Put put = service.put(orgId, mspId, request);
        ResponseEntity.BodyBuilder response = put.created()
                ? ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/fabric-identities/" + mspId))
                : ResponseEntity.ok();
        return response.eTag(ETags.of(put.identity().version())).body(put.identity());
    }

    @GetMapping
    List<FabricIdentityResponse> list(@PathVariable UUID orgId) {
        Access.visible(orgId, "organization", orgId);
        return service.list(orgId);
    }

    @GetMapping("/{mspId}")
    ResponseEntity<FabricIdentityResponse> get(@PathVariable UUID orgId, @PathVariable String mspId) {
        Access.visible(orgId, "organization", orgId);
        FabricIdentityResponse identity = service.get(orgId, mspId);
        return ResponseEntity.ok().eTag(ETags.of(identity.version())).body(identity);
    }

    @DeleteMapping("/{mspId}")
    ResponseEntity<Void> delete(@PathVariable UUID orgId, @PathVariable String mspId) {
        Access.visible(orgId, "organization", orgId);
        Access.require(Role.ORG_ADMIN);
        service.delete(orgId, mspId);
        return ResponseEntity.noContent().build();
    }
}
