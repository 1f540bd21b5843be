package io.chainwatch.registry.businesschain;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.alliance.AllianceService;
import io.chainwatch.registry.alliance.Member;
import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;
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
 * {@code /api/v1/business-chains} and {@code /api/v1/blockchains}. A business chain is visible to its member
 * organizations, a blockchain to its business chain's owner and the organizations taking part (others get 404).
 * Changes need an org admin of the owning organization (the caller's own: naming another {@code ownerOrgId} is a
 * 403); the other members may read only.
 */
@RestController
@RequestMapping("/api/v1")
class BusinessChainController {

    private final BusinessChainService service;
    private final AllianceService alliances;
    private final Paging paging;

    BusinessChainController(BusinessChainService service, AllianceService alliances, Paging paging) {
        this.service = service;
        this.alliances = alliances;
        this.paging = paging;
    }

    @PostMapping("/business-chains")
    ResponseEntity<BusinessChain> createChain(@Valid @RequestBody BusinessChainRequest request) {
        Access.require(Role.ORG_ADMIN);
        Access.visibleToAny(alliances.read(request.allianceId()).members().stream().map(Member::orgId).toList(),
                "alliance", request.allianceId());
        Access.actingOrg("ownerOrgId", request.ownerOrgId());
        BusinessChain chain = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/business-chains/" + chain.id()))
                .eTag(ETags.of(chain.version())).body(chain);
    }

    @GetMapping("/business-chains")
    ResponseEntity<List<BusinessChain>> listChains(@RequestParam(required = false) UUID allianceId,
            @RequestParam(required = false) UUID orgId, @RequestParam(required = false) CreateMode createMode,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        return paging.ok(service.listChains(allianceId, Access.caller().listScope(orgId), createMode, request),
                request);
    }

    @GetMapping("/business-chains/{id}")
    ResponseEntity<BusinessChain> getChain(@PathVariable UUID id) {
        BusinessChain chain = visibleChain(id);
        return ResponseEntity.ok().eTag(ETags.of(chain.version())).body(chain);
    }

    @PutMapping("/business-chains/{id}")
    ResponseEntity<BusinessChain> updateChain(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody BusinessChainRequest request) {
        owned(visibleChain(id));
        BusinessChain chain = service.update(id, request, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(chain.version())).body(chain);
    }

    @DeleteMapping("/business-chains/{id}")
    ResponseEntity<Void> deleteChain(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        owned(visibleChain(id));
        service.deleteChain(id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/blockchains")
    ResponseEntity<Blockchain> createBlockchain(@Valid @RequestBody BlockchainRequest request) {
        owned(visibleChain(request.businessChainId()));
        Blockchain chain = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/blockchains/" + chain.id()))
                .eTag(ETags.of(chain.version())).body(chain);
    }

    @GetMapping("/blockchains")
    ResponseEntity<List<Blockchain>> listBlockchains(@RequestParam(required = false) UUID businessChainId,
            @RequestParam(required = false) UUID orgId, @RequestParam(required = false) String cloudType,
            @RequestParam(required = false) String externalId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        return paging.ok(service.listBlockchains(businessChainId, Access.caller().listScope(orgId), cloudType,
                externalId, request), request);
    }

    @GetMapping("/blockchains/{id}")
    ResponseEntity<Blockchain> getBlockchain(@PathVariable UUID id) {
        Blockchain chain = visibleBlockchain(id);
        return ResponseEntity.ok().eTag(ETags.of(chain.version())).body(chain);
    }

    @PutMapping("/blockchains/{id}")
    ResponseEntity<Blockchain> updateBlockchain(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody BlockchainRequest request) {
        owned(visibleBlockchain(id).ownerOrgId());
        Blockchain chain = service.update(id, request, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(chain.version())).body(chain);
    }

    @DeleteMapping("/blockchains/{id}")
    ResponseEntity<Void> deleteBlockchain(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        owned(visibleBlockchain(id).ownerOrgId());
        service.deleteBlockchain(id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    /** The business chain; 404 unless the caller's organization is a member, as for a missing one. */
    private BusinessChain visibleChain(UUID id) {
        BusinessChain chain = service.getChain(id);
        Access.visibleToAny(chain.memberOrgIds(), "business chain", id);
        return chain;
    }

    /** The blockchain; 404 unless the caller's organization owns it or takes part, as for a missing one. */
    private Blockchain visibleBlockchain(UUID id) {
        Blockchain chain = service.getBlockchain(id);
        java.util.List<UUID> orgs = new java.util.ArrayList<>(chain.orgIds());
        orgs.add(chain.ownerOrgId());
        Access.visibleToAny(orgs, "blockchain", id);
        return chain;
    }

    private static void owned(BusinessChain chain) {
        owned(chain.ownerOrgId());
    }

    /** 403 unless the caller is an org admin of the owning organization (or a platform admin). */
    private static void owned(UUID ownerOrgId) {
        Access.require(Role.ORG_ADMIN);
        Access.requireOwnOrg(ownerOrgId, "Only the owning organization changes this; the other members may read it.");
    }
}
