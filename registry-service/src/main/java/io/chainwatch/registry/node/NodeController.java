package io.chainwatch.registry.node;

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

/** {@code /api/v1/nodes}. */
@RestController
@RequestMapping("/api/v1/nodes")
class NodeController {

    private final NodeService service;
    private final Paging paging;

    NodeController(NodeService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @PostMapping
    ResponseEntity<NodeResponse> create(@Valid @RequestBody CreateNodeRequest request) {
        Node node = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/nodes/" + node.id()))
                .eTag(ETags.of(node.version())).body(NodeResponse.of(node));
    }

    @GetMapping
    ResponseEntity<List<NodeResponse>> list(@RequestParam(required = false) UUID chainId,
            @RequestParam(required = false) UUID orgId, @RequestParam(required = false) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        return paging.ok(service.list(new NodeRepository.Query(chainId, orgId, name), request).map(NodeResponse::of),
                request);
    }

    @GetMapping("/{id}")
    ResponseEntity<NodeResponse> get(@PathVariable UUID id) {
        Node node = service.get(id);
        return ResponseEntity.ok().eTag(ETags.of(node.version())).body(NodeResponse.of(node));
    }

    @PutMapping("/{id}")
    ResponseEntity<NodeResponse> update(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody UpdateNodeRequest request) {
        Node node = service.update(id, request, ifMatch);
        return ResponseEntity.ok().eTag(ETags.of(node.version())).body(NodeResponse.of(node));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        service.delete(id, ifMatch);
        return ResponseEntity.noContent().build();
    }
}
