package io.chainwatch.registry.businesschain;

import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.ETags;

import org.springframework.http.HttpHeaders;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.web.Access;
import io.chainwatch.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/chains/{id}/business-chain}: the business chain a monitored chain serves. {@code PUT}
 * {@code {"businessChainId": ...}} links it, {@code DELETE} unlinks it; both re-send the chain's node targets with
 * the alliance ids. An {@code If-Match} with the chain's ETag is honoured when given.
 */
@RestController
@RequestMapping("/api/v1/chains/{id}/business-chain")
class ChainLinkController {

    private final ChainLinkService service;
    private final ChainService chains;

    ChainLinkController(ChainLinkService service, ChainService chains) {
        this.service = service;
        this.chains = chains;
    }

    /** A 404 for another organization's chain; changing the link needs an org admin (it enters an alliance). */
    private void authorize(UUID id, boolean change) {
        Access.visible(chains.get(id).orgId(), "chain", id);
        if (change) {
            Access.require(Role.ORG_ADMIN);
        }
    }

    @GetMapping
    ResponseEntity<ChainLink> get(@PathVariable UUID id) {
        authorize(id, false);
        return ok(service.get(id));
    }

    @PutMapping
    ResponseEntity<ChainLink> link(@PathVariable UUID id, @Valid @RequestBody ChainLinkRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        authorize(id, true);
        return ok(service.link(id, request.businessChainId(), ifMatch));
    }

    @DeleteMapping
    ResponseEntity<ChainLink> unlink(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        authorize(id, true);
        return ok(service.unlink(id, ifMatch));
    }

    private static ResponseEntity<ChainLink> ok(ChainLink link) {
        return ResponseEntity.ok().eTag(ETags.of(link.version())).body(link);
    }
}
