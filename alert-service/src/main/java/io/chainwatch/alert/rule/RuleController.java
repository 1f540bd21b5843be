package io.chainwatch.alert.rule;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.alert.evaluate.DryRun;
import io.chainwatch.alert.evaluate.EvaluationService;
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

/**
 * {@code /api/v1/rules}: create, read, list and delete alert rules; validate a rule without storing it; enable /
 * disable; dry-run a rule (stored or in the body) against the recent samples.
 */
@RestController
@RequestMapping("/api/v1/rules")
public class RuleController {

    private final RuleStore store;
    private final EvaluationService evaluation;

    public RuleController(RuleStore store, EvaluationService evaluation) {
        this.store = store;
        this.evaluation = evaluation;
    }

    @PostMapping
    public ResponseEntity<Rule> create(@Valid @RequestBody Rule rule) {
        Rule created = store.create(rule);
        return ResponseEntity.created(URI.create("/api/v1/rules/" + created.id())).body(created);
    }

    /** 200 {@code {"valid": true}} when the rule could be created; otherwise the same 400 problem as create. */
    @PostMapping("/validate")
    public Map<String, Object> validate(@Valid @RequestBody Rule rule) {
        rule.validate();
        return Map.of("valid", true, "type", rule.type());
    }

    /** Would this rule have fired over the last {@code minutes} (default 60) of samples? */
    @PostMapping("/dry-run")
    public DryRun dryRun(@Valid @RequestBody Rule rule, @RequestParam(defaultValue = "60") int minutes) {
        rule.validate();
        return evaluation.dryRun(rule.id() == null ? rule.withId(UUID.randomUUID()) : rule, lookback(minutes));
    }

    @PostMapping("/{id}/dry-run")
    public DryRun dryRunStored(@PathVariable UUID id, @RequestParam(defaultValue = "60") int minutes) {
        return evaluation.dryRun(get(id), lookback(minutes));
    }

    @PostMapping("/{id}/enable")
    public Map<String, Object> enable(@PathVariable UUID id) {
        store.setEnabled(id, true);
        return Map.of("id", id, "enabled", true);
    }

    @PostMapping("/{id}/disable")
    public Map<String, Object> disable(@PathVariable UUID id) {
        store.setEnabled(id, false);
        return Map.of("id", id, "enabled", false);
    }

    @GetMapping("/{id}")
    public Rule get(@PathVariable UUID id) {
        return store.find(id).orElseThrow(() -> new RuleNotFoundException(id));
    }

    @GetMapping("/{id}/enabled")
    public Map<String, Object> enabled(@PathVariable UUID id) {
        return Map.of("id", id, "enabled", store.isEnabled(id));
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

    private static Duration lookback(int minutes) {
        if (minutes < 1 || minutes > 1440) {
            throw new IllegalArgumentException("minutes must be between 1 and 1440");
        }
        return Duration.ofMinutes(minutes);
    }
}
