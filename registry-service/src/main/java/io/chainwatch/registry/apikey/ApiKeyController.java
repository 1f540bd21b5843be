package io.chainwatch.registry.apikey;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/organizations/{orgId}/api-keys} for the organization's org admins (and platform admins; another
 * organization's keys are 404), and the gateway's {@code POST /internal/api-keys/verify} (only ChainWatch components
 * reach {@code /internal/}, see the CallerFilter).
 */
@RestController
class ApiKeyController {

    private final ApiKeyService service;

    ApiKeyController(ApiKeyService service) {
        this.service = service;
    }

    /** 201 with the key in {@code key}: the only time it is shown. */
    @PostMapping("/api/v1/organizations/{orgId}/api-keys")
    ResponseEntity<ApiKeyResponse.Created> create(@PathVariable UUID orgId,
            @Valid @RequestBody ApiKeyRequests.Create request) {
        Caller caller = administrator(orgId);
        ApiKeyResponse.Created created = service.create(orgId, request, caller);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/api-keys/" + created.id()))
                .cacheControl(CacheControl.noStore()).body(created);
    }

    @GetMapping("/api/v1/organizations/{orgId}/api-keys")
    List<ApiKeyResponse> list(@PathVariable UUID orgId) {
        administrator(orgId);
        return service.list(orgId);
    }

    /** Revokes the key; 204 also when it was revoked already. */
    @DeleteMapping("/api/v1/organizations/{orgId}/api-keys/{id}")
    ResponseEntity<Void> revoke(@PathVariable UUID orgId, @PathVariable UUID id) {
        administrator(orgId);
        service.revoke(orgId, id);
        return ResponseEntity.noContent().build();
    }

    /**
     * The gateway's question: whose is this key? 404 for an unknown, malformed, revoked or expired key; 403 (problem)
     * for a valid key of a deactivated organization.
     */
    @PostMapping("/internal/api-keys/verify")
    ResponseEntity<ApiKeyResponse.Verified> verify(@RequestBody(required = false) ApiKeyRequests.Verify request) {
        return service.verify(request == null ? null : request.key())
                .map(verified -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(verified))
                .orElseThrow(() -> new NotFoundException("No valid API key matches"));
    }

    /** 404 for another organization (as for a missing one), 403 below org admin. */
    private static Caller administrator(UUID orgId) {
        Access.visible(orgId, "organization", orgId);
        return Access.require(Role.ORG_ADMIN);
    }
}
