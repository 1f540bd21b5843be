package io.chainwatch.alert.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.alert.evaluate.DryRun;
import io.chainwatch.alert.pipeline.EvaluationService;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.RuleNotFoundException;
import io.chainwatch.alert.ruleset.RuleStore;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/rules}: create, read, list, edit and delete alert rules; validate a rule without storing it; enable /
 * disable; dry-run a rule (stored or in the body) against the recent samples.
 *
 * <p>Organization scope: a caller sees and changes the rules of its own organization only (a platform admin: all);
 * another organization's rule is answered 404, as if it did not exist. Reading needs any role, everything else
 * {@link Role#OPERATOR}. A rule in a body (create, validate, dry run) must be of the caller's organization.
 */
@RestController
@RequestMapping("/api/v1/rules")
public class RuleController {

    private final RuleStore store;
    private final EvaluationService evaluation;
    private final ReceiverRepository receivers;

    private final io.chainwatch.alert.quota.Quotas quotas;

    public RuleController(RuleStore store, EvaluationService evaluation, ReceiverRepository receivers,
                          io.chainwatch.alert.quota.Quotas quotas) {
        this.quotas = quotas;
        this.store = store;
        this.evaluation = evaluation;
        this.receivers = receivers;
    }

    @PostMapping
    @org.springframework.transaction.annotation.Transactional
    public ResponseEntity<Rule> create(@Valid @RequestBody Rule body) {
        Rule rule = owned(body);
        quotas.checkOneMore(rule.orgId(), io.chainwatch.alert.quota.Quotas.RULES);
        Rule created = store.create(rule);
        return ResponseEntity.created(URI.create("/api/v1/rules/" + created.id())).body(created);
    }

    /**
     * 200 {@code {"valid": true}} when the rule could be created; otherwise the same 400 problem as create.
     * {@code warnings} lists what is allowed but probably not meant, e.g. a rule that notifies nobody (no
     * {@code emailTo} and no receiver of the organization routes its severity and type), or what the rule's type says
     * about it on its chain (e.g. {@code chain_stalled} in mode {@code pending_transactions} on a chain none of
     * whose nodes offers pending transactions: it could never fire).
     */
    @PostMapping("/validate")
    public Map<String, Object> validate(@Valid @RequestBody Rule body) {
        Rule rule = owned(body);
        rule.validate();
        List<String> warnings = new java.util.ArrayList<>();
        if (rule.emailTo().isEmpty() && receivers.list(rule.orgId()).stream()
                .noneMatch(r -> r.routes(rule.severity(), rule.type(), 0))) {
            warnings.add("nobody is notified: the rule has no emailTo and no receiver of the organization routes"
                    + " severity " + rule.severity() + " and type " + rule.type());
        }
        warnings.addAll(evaluation.notes(rule));
        return Map.of("valid", true, "type", rule.type(), "warnings", warnings);
    }

    /** Would this rule have fired over the last {@code minutes} (default 60) of samples? */
    @PostMapping("/dry-run")
    public DryRun dryRun(@Valid @RequestBody Rule body, @RequestParam(defaultValue = "60") int minutes) {
        Rule rule = owned(body);
        rule.validate();
        return evaluation.dryRun(rule.id() == null ? rule.withId(UUID.randomUUID()) : rule, lookback(minutes));
    }

    @PostMapping("/{id}/dry-run")
    public DryRun dryRunStored(@PathVariable UUID id, @RequestParam(defaultValue = "60") int minutes) {
        Caller.current().require(Role.OPERATOR);
        return evaluation.dryRun(get(id), lookback(minutes));
    }

    /**
     * Replaces the rule with the body (validated as on create); {@code orgId} may be left out, {@code id} must be left
     * out or equal the path's. See {@link RuleStore#update(Rule)} for what happens to the rule's open alerts.
     */
    @PutMapping("/{id}")
    @org.springframework.transaction.annotation.Transactional
    public Rule update(@PathVariable UUID id, @Valid @RequestBody Rule body) {
        Rule current = get(id);
        if (body.id() != null && !body.id().equals(id)) {
            throw new IllegalArgumentException("id in the body (" + body.id() + ") is not the rule's id " + id);
        }
        Rule rule = owned(body.orgId() == null ? body.withOrgId(current.orgId()) : body);
        if (!rule.orgId().equals(current.orgId())) {
            throw new IllegalArgumentException("orgId cannot be changed");
        }
        return store.update(rule.withId(id));
    }

    @PostMapping("/{id}/enable")
    public Map<String, Object> enable(@PathVariable UUID id) {
        Caller.current().require(Role.OPERATOR);
        get(id);
        store.setEnabled(id, true);
        return Map.of("id", id, "enabled", true);
    }

    @PostMapping("/{id}/disable")
    public Map<String, Object> disable(@PathVariable UUID id) {
        Caller.current().require(Role.OPERATOR);
        get(id);
        store.setEnabled(id, false);
        return Map.of("id", id, "enabled", false);
    }

    /** The rule; 404 when unknown or of another organization. */
    @GetMapping("/{id}")
    public Rule get(@PathVariable UUID id) {
        Caller caller = Caller.current();
        return store.find(id).filter(r -> caller.canAccess(r.orgId()))
                .orElseThrow(() -> new RuleNotFoundException(id));
    }

    @GetMapping("/{id}/enabled")
    public Map<String, Object> enabled(@PathVariable UUID id) {
        get(id);
        return Map.of("id", id, "enabled", store.isEnabled(id));
    }

    /** The caller's organization's rules; a platform admin gets all, or those of {@code orgId}. */
    @GetMapping
    public List<Rule> list(@RequestParam(required = false) UUID orgId) {
        return store.list(Caller.current().listScope(orgId));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        Caller.current().require(Role.OPERATOR);
        get(id);
        store.delete(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * The rule in the caller's organization: an operator (or more) of the organization named in the body, or of the
     * own organization when none is named; a platform admin must name one. A 403 otherwise.
     */
    private static Rule owned(Rule rule) {
        Caller caller = Caller.current();
        caller.require(Role.OPERATOR);
        return rule.withOrgId(caller.owningOrg(rule.orgId()));
    }

    private static Duration lookback(int minutes) {
        if (minutes < 1 || minutes > 1440) {
            throw new IllegalArgumentException("minutes must be between 1 and 1440");
        }
        return Duration.ofMinutes(minutes);
    }
}
