package io.chainwatch.registry.businesschain;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;

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

/** {@code /api/v1/business-chains} and {@code /api/v1/blockchains}. */
@RestController
@RequestMapping("/api/v1")
class BusinessChainController {

    private final BusinessChainService service;
    private final Paging paging;

    BusinessChainController(BusinessChainService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @PostMapping("/business-chains")
    ResponseEntity<BusinessChain> createChain(@Valid @RequestBody BusinessChainRequest request) {
        BusinessChain chain = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/business-chains/" + chain.id()))
                .eTag(ETags.of(chain.version())).body(chain);
    }

    @GetMapping("/business-chains")
    ResponseEntity<List<BusinessChain>> listChains(@RequestParam(required = false) UUID allianceId,
            @RequestParam(required = false) UUID orgId, @RequestParam(required = false) CreateMode createMode,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        return paging.ok(service.listChains(allianceId, orgId, createMode, request), request);
    }

    @GetMapping("/business-chains/{id}")
    ResponseEntity<BusinessChain> getChain(@PathVariable UUID id) {
        BusinessChain chain = service.getChain(id);
        return ResponseEntity.ok().eTag(ETags.of(chain.version())).body(chain);
    }

    @PutMapping("/business-chains/{id}")
    ResponseEntity<BusinessChain> updateChain(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody BusinessChainRequest request) {
        BusinessChain chain = service.update(id, request, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(chain.version())).body(chain);
    }

    @DeleteMapping("/business-chains/{id}")
    ResponseEntity<Void> deleteChain(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        service.deleteChain(id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/blockchains")
    ResponseEntity<Blockchain> createBlockchain(@Valid @RequestBody BlockchainRequest request) {
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
        return paging.ok(service.listBlockchains(businessChainId, orgId, cloudType, externalId, request), request);
    }

    @GetMapping("/blockchains/{id}")
    ResponseEntity<Blockchain> getBlockchain(@PathVariable UUID id) {
        Blockchain chain = service.getBlockchain(id);
        return ResponseEntity.ok().eTag(ETags.of(chain.version())).body(chain);
    }

    @PutMapping("/blockchains/{id}")
    ResponseEntity<Blockchain> updateBlockchain(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody BlockchainRequest request) {
        Blockchain chain = service.update(id, request, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(chain.version())).body(chain);
    }

    @DeleteMapping("/blockchains/{id}")
    ResponseEntity<Void> deleteBlockchain(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        service.deleteBlockchain(id, ifMatch);
        return ResponseEntity.noContent().build();
    }
}
