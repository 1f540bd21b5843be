package io.chainwatch.cdc.source;

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

/** {@code /api/v1/cdc/sources}: which database tables become samples. */
@RestController
@RequestMapping("/api/v1/cdc/sources")
public class SourceController {

    private final SourceService service;

    public SourceController(SourceService service) {
        this.service = service;
    }

    @PostMapping
    public ResponseEntity<SourceView> create(@Valid @RequestBody SourceRequest request) {
        SourceView created = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/cdc/sources/" + created.id())).body(created);
    }

    @GetMapping
    public List<SourceView> list(@RequestParam(required = false) UUID orgId) {
        return service.list(orgId);
    }

    @GetMapping("/{id}")
    public SourceView get(@PathVariable UUID id) {
        return service.get(id);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        service.delete(id);
        return ResponseEntity.noContent().build();
    }
}
