package io.chainwatch.registry.chain;

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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/chains}. */
@RestController
@RequestMapping("/api/v1/chains")
class ChainController {

    private final ChainService service;

    ChainController(ChainService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<ChainResponse> create(@Valid @RequestBody CreateChainRequest request) {
        ChainResponse created = ChainResponse.of(service.create(request));
        return ResponseEntity.created(URI.create("/api/v1/chains/" + created.id())).body(created);
    }

    @GetMapping
    List<ChainResponse> list(@RequestParam(required = false) UUID orgId) {
        return service.list(orgId).stream().map(ChainResponse::of).toList();
    }

    @GetMapping("/{id}")
    ChainResponse get(@PathVariable UUID id) {
        return ChainResponse.of(service.get(id));
    }
}
