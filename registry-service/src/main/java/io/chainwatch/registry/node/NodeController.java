package io.chainwatch.registry.node;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/nodes}. */
@RestController
@RequestMapping("/api/v1/nodes")
class NodeController {

    private final NodeService service;

    NodeController(NodeService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<NodeResponse> create(@Valid @RequestBody CreateNodeRequest request) {
        NodeResponse created = NodeResponse.of(service.create(request));
        return ResponseEntity.created(URI.create("/api/v1/nodes/" + created.id())).body(created);
    }

    @GetMapping
    List<NodeResponse> list(@RequestParam(required = false) UUID chainId) {
        return service.list(chainId).stream().map(NodeResponse::of).toList();
    }

    @GetMapping("/{id}")
    NodeResponse get(@PathVariable UUID id) {
        return NodeResponse.of(service.get(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }
}
