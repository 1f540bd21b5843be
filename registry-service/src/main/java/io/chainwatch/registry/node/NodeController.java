package io.chainwatch.registry.node;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
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
 * {@code /api/v1/nodes}: a caller sees the nodes of its own organization (others are 404); changes need an
 * operator.
 */
@RestController
@RequestMapping("/api/v1/nodes")
class NodeController {

    private final NodeService service;
    private final ChainService chains;
    private final NodeUrls urls;
    private final Paging paging;

    NodeController(NodeService service, ChainService chains, NodeUrls urls, Paging paging) {
        this.service = service;
        this.chains = chains;
        this.urls = urls;
        this.paging = paging;
    }

    @PostMapping
    ResponseEntity<NodeResponse> create(@Valid @RequestBody CreateNodeRequest request) {
        Access.require(Role.OPERATOR);
        visibleChain(request.chainId());
        urls.check(request.rpcUrl(), request.metricsUrl(), request.fabric());
        Node node = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/nodes/" + node.id()))
                .eTag(ETags.of(node.version())).body(NodeResponse.forCaller(node, Access.caller()));
    }

    @GetMapping
    ResponseEntity<List<NodeResponse>> list(@RequestParam(required = false) UUID chainId,
            @RequestParam(required = false) UUID orgId, @RequestParam(required = false) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        UUID scope = Access.caller().listScope(orgId);
        if (chainId != null) {
            visibleChain(chainId);
        }
        return paging.ok(service.list(new NodeRepository.Query(chainId, scope, name), request).map(n -> NodeResponse.forCaller(n, Access.caller())),
                request);
    }

    @GetMapping("/{id}")
    ResponseEntity<NodeResponse> get(@PathVariable UUID id) {
        Node node = visible(id);
        return ResponseEntity.ok().eTag(ETags.of(node.version())).body(NodeResponse.forCaller(node, Access.caller()));
    }

    @PutMapping("/{id}")
    ResponseEntity<NodeResponse> update(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody UpdateNodeRequest request) {
        visible(id);
        Access.require(Role.OPERATOR);
        urls.check(request.rpcUrl(), request.metricsUrl(), request.fabric());
        Node node = service.update(id, request, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(node.version())).body(NodeResponse.forCaller(node, Access.caller()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        visible(id);
        Access.require(Role.OPERATOR);
        service.delete(id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    /** 404 for a chain of another organization, as for a missing one. */
    private void visibleChain(UUID chainId) {
        Chain chain = chains.get(chainId);
        Access.visible(chain.orgId(), "chain", chainId);
    }

    /** The node; 404 when it belongs to another organization than the caller's (as for a missing one). */
    private Node visible(UUID id) {
        Node node = service.get(id);
        Access.visible(node.orgId(), "node", id);
        return node;
    }
}
