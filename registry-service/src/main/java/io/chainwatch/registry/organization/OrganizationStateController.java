package io.chainwatch.registry.organization;

import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's question before it lets a person of an organization through: is the organization deactivated?
 * {@code GET /internal/organizations/{id}/state} (only ChainWatch components reach {@code /internal/}, see the
 * CallerFilter); 404 for an unknown organization.
 */
@RestController
class OrganizationStateController {

    private final OrganizationService service;

    OrganizationStateController(OrganizationService service) {
        this.service = service;
    }

    @GetMapping("/internal/organizations/{id}/state")
    ResponseEntity<State> state(@PathVariable UUID id) {
        OrganizationResponse organization = service.read(id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new State(id, organization.status()));
    }

    /** The answer: the organization and whether it works. */
    record State(UUID orgId, OrganizationResponse.Status status) {
    }
}
