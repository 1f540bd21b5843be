package io.chainwatch.registry.contract;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

/** {@code /api/v1/contracts}: deploy, read, call view functions. */
@RestController
@RequestMapping("/api/v1/contracts")
class ContractController {

    private final ContractService service;
    private final Paging paging;

    ContractController(ContractService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @PostMapping
    ResponseEntity<ContractResponse> deploy(@Valid @RequestBody ContractRequests.Deploy request) {
        ContractResponse contract = service.deploy(request);
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + contract.id()))
                .eTag(ETags.of(contract.version())).body(contract);
    }

    @GetMapping
    ResponseEntity<List<ContractResponse>> list(@RequestParam(required = false) UUID chainId,
            @RequestParam(required = false) UUID orgId, @RequestParam(required = false) String address,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        return paging.ok(service.list(chainId, orgId, address, request), request);
    }

    @GetMapping("/{id}")
    ResponseEntity<ContractResponse> get(@PathVariable UUID id) {
        ContractResponse contract = service.read(id);
        return ResponseEntity.ok().eTag(ETags.of(contract.version())).body(contract);
    }

    /** Body {@code {"function": "get", "args": [...]}}; answers {@code {contractId, function, outputs, named}}. */
    @PostMapping("/{id}/calls")
    ObjectNode call(@PathVariable UUID id, @Valid @RequestBody ContractRequests.Call request) {
        return service.call(id, request);
    }
}
