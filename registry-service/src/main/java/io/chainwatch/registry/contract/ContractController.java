package io.chainwatch.registry.contract;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;
import io.chainwatch.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/contracts}: deploy (plain or upgradeable), upgrade, read, list versions, call view functions, scan,
 * terminate. A caller sees the contracts of its own organization (others are 404); deploying and upgrading need an
 * operator, terminating an org admin.
 */
@RestController
@RequestMapping("/api/v1/contracts")
class ContractController {

    private final ContractService service;
    private final ChainService chains;
    private final Paging paging;

    ContractController(ContractService service, ChainService chains, Paging paging) {
        this.service = service;
        this.chains = chains;
        this.paging = paging;
    }

    @PostMapping
    ResponseEntity<ContractResponse> deploy(@Valid @RequestBody ContractRequests.Deploy request) {
        Access.require(Role.OPERATOR);
        visibleChain(request.chainId());
        ContractResponse contract = service.deploy(request);
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + contract.id()))
                .eTag(ETags.of(contract.version())).body(contract);
    }

    @GetMapping
    ResponseEntity<List<ContractResponse>> list(@RequestParam(required = false) UUID chainId,
            @RequestParam(required = false) UUID orgId, @RequestParam(required = false) String address,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        UUID scope = Access.caller().listScope(orgId);
        if (chainId != null) {
            visibleChain(chainId);
        }
        return paging.ok(service.list(chainId, scope, address, request), request);
    }

    @GetMapping("/{id}")
    ResponseEntity<ContractResponse> get(@PathVariable UUID id) {
        ContractResponse contract = visible(id);
        return ResponseEntity.ok().eTag(ETags.of(contract.version())).body(contract);
    }

    /**
     * Body {@code {"bytecode", "abi", "constructorArgs"?, "keyId", "call"?}}: deploys the new implementation and
     * switches the contract's proxy to it; answers the contract (new {@code implementation}, {@code abi},
     * {@code revision}).
     */
    @PostMapping("/{id}/upgrade")
    ResponseEntity<ContractResponse> upgrade(@PathVariable UUID id,
            @Valid @RequestBody ContractRequests.Upgrade request) {
        visible(id);
        Access.require(Role.OPERATOR);
        ContractResponse contract = service.upgrade(id, request);
        return ResponseEntity.ok().eTag(ETags.of(contract.version())).body(contract);
    }

    /** The implementations the contract had, oldest first (revision 1: as deployed). */
    @GetMapping("/{id}/versions")
    List<ContractRevision> versions(@PathVariable UUID id) {
        visible(id);
        return service.revisions(id);
    }

    /** Body {@code {"function": "get", "args": [...]}}; answers {@code {contractId, function, outputs, named}}. */
    @PostMapping("/{id}/calls")
    ObjectNode call(@PathVariable UUID id, @Valid @RequestBody ContractRequests.Call request) {
        visible(id);
        return service.call(id, request);
    }

    /** Reads the deployed code and scans it with the ABI (see {@link ContractScanner} for what and its limits). */
    @PostMapping("/{id}/scan")
    ContractService.Scan scan(@PathVariable UUID id) {
        visible(id);
        Access.require(Role.OPERATOR);
        return service.scan(id);
    }

    /** Body {@code {"bytecode": "0x...", "abi"?: [...]}}: scans code before it is deployed; nothing is stored. */
    @PostMapping("/scans")
    ContractScanner.Report scanCode(@Valid @RequestBody ContractRequests.ScanCode request) {
        Access.require(Role.VIEWER);
        try {
            return ContractScanner.scan(request.bytecode(), request.abi());
        } catch (IllegalArgumentException e) {
            throw new io.chainwatch.registry.web.InvalidRequestException("bytecode", e.getMessage());
        }
    }

    /** Body {@code {"reason"?}}: no more invokes through ChainWatch; answers the contract with {@code terminatedAt}. */
    @PostMapping("/{id}/terminate")
    ContractResponse terminate(@PathVariable UUID id, @RequestBody(required = false) ContractRequests.Terminate request) {
        visible(id);
        Access.require(Role.ORG_ADMIN);
        return service.terminate(id, request == null ? null : request.reason());
    }

    private ContractResponse visible(UUID id) {
        ContractResponse contract = service.read(id);
        Access.visible(contract.orgId(), "contract", id);
        return contract;
    }

    /** 404 for a chain of another organization, as for a missing one. */
    private void visibleChain(UUID chainId) {
        Access.visible(chains.get(chainId).orgId(), "chain", chainId);
    }
}
