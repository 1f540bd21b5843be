package io.chainwatch.registry.signingkey;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.Access;
import io.chainwatch.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/organizations/{orgId}/signing-keys}: {@code POST {name, privateKey?}} creates one (org admin; 201),
 * {@code GET} lists / reads them (members of the organization), {@code DELETE .../{id}} deletes one (org admin;
 * 204, 409 while a live contract uses it). Another organization's keys are 404.
 */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/signing-keys")
class SigningKeyController {

    private final SigningKeyService service;

    SigningKeyController(SigningKeyService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<SigningKeyResponse> create(@PathVariable UUID orgId, @Valid @RequestBody SigningKeyRequest request) {
        Access.visible(orgId, "organization", orgId);
        Access.require(Role.ORG_ADMIN);
        SigningKeyResponse key = service.create(orgId, request);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/signing-keys/" + key.id()))
                .body(key);
    }

    @GetMapping
    List<SigningKeyResponse> list(@PathVariable UUID orgId) {
        Access.visible(orgId, "organization", orgId);
        return service.list(orgId);
    }

    @GetMapping("/{id}")
    SigningKeyResponse get(@PathVariable UUID orgId, @PathVariable UUID id) {
        Access.visible(orgId, "organization", orgId);
        return service.get(orgId, id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID orgId, @PathVariable UUID id) {
        Access.visible(orgId, "organization", orgId);
        Access.require(Role.ORG_ADMIN);
        service.delete(orgId, id);
        return ResponseEntity.noContent().build();
    }
}
