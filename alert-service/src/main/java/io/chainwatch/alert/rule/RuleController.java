package io.chainwatch.alert.rule;

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

/** {@code /api/v1/rules}: create, read, list and delete alert rules. */
@RestController
@RequestMapping("/api/v1/rules")
public class RuleController {

    private final RuleStore store;

    public RuleController(RuleStore store) {
        this.store = store;
    }

    @PostMapping
    public ResponseEntity<Rule> create(@Valid @RequestBody Rule rule) {
        Rule created = store.create(rule);
        return ResponseEntity.created(URI.create("/api/v1/rules/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    public Rule get(@PathVariable UUID id) {
        return store.find(id).orElseThrow(() -> new RuleNotFoundException(id));
    }

    @GetMapping
    public List<Rule> list(@RequestParam(required = false) UUID orgId) {
        return store.list(orgId);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        store.delete(id);
        return ResponseEntity.noContent().build();
    }
}
