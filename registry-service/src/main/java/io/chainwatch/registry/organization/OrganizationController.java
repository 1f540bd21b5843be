package io.chainwatch.registry.organization;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/organizations}. */
@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

    private final OrganizationService service;

    OrganizationController(OrganizationService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<OrganizationResponse> create(@Valid @RequestBody CreateOrganizationRequest request) {
        OrganizationResponse created = OrganizationResponse.of(service.create(request));
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + created.id())).body(created);
    }

    @GetMapping
    List<OrganizationResponse> list() {
        return service.list().stream().map(OrganizationResponse::of).toList();
    }

    @GetMapping("/{id}")
    OrganizationResponse get(@PathVariable UUID id) {
        return OrganizationResponse.of(service.get(id));
    }
}
