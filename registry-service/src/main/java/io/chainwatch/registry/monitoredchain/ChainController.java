package io.chainwatch.registry.monitoredchain;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;
import io.chainwatch.security.Role;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/chains}: a caller sees the chains of its own organization; creating one, or setting its availability
 * objective ({@code PUT /api/v1/chains/{id}/availability-objective}), needs an operator.
 */
@RestController
@RequestMapping("/api/v1/chains")
class ChainController {

    private final ChainService service;
    private final Paging paging;

    ChainController(ChainService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @PostMapping
    ResponseEntity<ChainResponse> create(@Valid @RequestBody CreateChainRequest request) {
        UUID owner = Access.require(Role.OPERATOR).owningOrg(request.orgId());
        ChainResponse created = ChainResponse.of(service.create(request.withOrg(owner)));
        return ResponseEntity.created(URI.create("/api/v1/chains/" + created.id()))
                .eTag(ETags.of(1)).body(created);
    }

    @GetMapping
    ResponseEntity<List<ChainResponse>> list(@RequestParam(required = false) UUID orgId,
            @RequestParam(required = false) Platform platform, @RequestParam(required = false) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        UUID scope = Access.caller().listScope(orgId);
        return paging.ok(service.list(new ChainRepository.Query(scope, platform, name), request)
                .map(ChainResponse::of), request);
    }

    @GetMapping("/{id}")
    ResponseEntity<ChainResponse> get(@PathVariable UUID id) {
        Chain chain = service.get(id);
        Access.visible(chain.orgId(), "chain", id);
        return ResponseEntity.ok().eTag(ETags.of(chain.version())).body(ChainResponse.of(chain));
    }

    /**
     * Sets or removes ({@code {"objective": null}}) the chain's availability objective; needs an operator and an
     * {@code If-Match} with the chain's ETag.
     */
    @PutMapping("/{id}/availability-objective")
    ResponseEntity<ChainResponse> setAvailabilityObjective(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody AvailabilityObjectiveRequest request) {
        Chain chain = service.get(id);
        Access.visible(chain.orgId(), "chain", id);
        Access.require(Role.OPERATOR);
        Chain updated = service.setAvailabilityObjective(id, request.objective(), ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(ChainResponse.of(updated));
    }
}
