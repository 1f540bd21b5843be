package io.chainwatch.registry.organization;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/organizations} and their {@code /resource-space}. Writes answer with the new ETag. Only a platform
 * admin creates organizations or sees them all; a member sees its own organization (others are 404), and its
 * org admin changes it. Only a platform admin deactivates and reactivates one.
 */
@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

    private final OrganizationService service;
    private final Paging paging;

    OrganizationController(OrganizationService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @PostMapping
    ResponseEntity<OrganizationResponse> create(@Valid @RequestBody CreateOrganizationRequest request) {
        Access.require(Role.PLATFORM_ADMIN);
        OrganizationResponse created = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + created.id()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @GetMapping
    ResponseEntity<List<OrganizationResponse>> list(@RequestParam(required = false) String name,
            @RequestParam(required = false) UserCategory category, @RequestParam(required = false) String orgCode,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        UUID own = Access.caller().listScope(null);
        return paging.ok(service.list(new OrganizationRepository.Query(name, category, orgCode, own), request),
                request);
    }

    @GetMapping("/{id}")
    ResponseEntity<OrganizationResponse> get(@PathVariable UUID id) {
        visible(id);
        return withETag(service.read(id));
    }

    @PutMapping("/{id}")
    ResponseEntity<OrganizationResponse> update(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody UpdateOrganizationRequest request) {
        administered(id);
        return withETag(service.update(id, request, ifMatch));
    }

    /**
     * Platform admin only: stops polling the organization's nodes and refuses its API keys and people (403 problem)
     * until it is reactivated; its data stays. 409 when it is deactivated already.
     */
    @PostMapping("/{id}/deactivate")
    ResponseEntity<OrganizationResponse> deactivate(@PathVariable UUID id) {
        Access.require(Role.PLATFORM_ADMIN);
        return withETag(service.deactivate(id));
    }

    /** Platform admin only: polls the organization's nodes again and lets its callers in. 409 when it is active. */
    @PostMapping("/{id}/reactivate")
    ResponseEntity<OrganizationResponse> reactivate(@PathVariable UUID id) {
        Access.require(Role.PLATFORM_ADMIN);
        return withETag(service.reactivate(id));
    }

    @GetMapping("/{id}/resource-space")
    ResponseEntity<ResourceSpaceResponse> getResourceSpace(@PathVariable UUID id) {
        visible(id);
        OrganizationResponse organization = service.read(id);
        return ResponseEntity.ok().eTag(ETags.of(organization.version())).body(service.readResourceSpace(id));
    }

    /** Binds or replaces the resource space; {@code If-Match} is the organization's ETag. */
    @PutMapping("/{id}/resource-space")
    ResponseEntity<OrganizationResponse> putResourceSpace(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ResourceSpaceRequest request) {
        administered(id);
        return withETag(service.putResourceSpace(id, request, ifMatch));
    }

    @DeleteMapping("/{id}/resource-space")
    ResponseEntity<OrganizationResponse> deleteResourceSpace(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        administered(id);
        return withETag(service.deleteResourceSpace(id, ifMatch));
    }

    /** 404 for another organization than the caller's own (as for a missing one). */
    private static void visible(UUID id) {
        Access.visible(id, "organization", id);
    }

    /** 404 for another organization; 403 unless the caller is its org admin (or a platform admin). */
    private static Caller administered(UUID id) {
        visible(id);
        return Access.require(Role.ORG_ADMIN);
    }

    private static ResponseEntity<OrganizationResponse> withETag(OrganizationResponse organization) {
        return ResponseEntity.ok().eTag(ETags.of(organization.version())).body(organization);
    }
}
