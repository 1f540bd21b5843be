package io.chainwatch.alert.ruleset;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.RuleNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rule writes and the in-memory snapshot of enabled rules the evaluator reads. The snapshot is refreshed after
 * every write through this instance and periodically (rules written by other instances).
 */
@Service
public class RuleStore {

    private static final Logger log = LoggerFactory.getLogger(RuleStore.class);

    private final RuleRepository repository;
    private final List<Consumer<Rule>> deleteListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Rule>> rescopeListeners = new CopyOnWriteArrayList<>();
    private volatile List<Rule> enabled = List.of();

    public RuleStore(RuleRepository repository) {
        this.repository = repository;
    }

    /** Called (inside the deleting transaction) with each rule that is deleted. */
    public void onDelete(Consumer<Rule> listener) {
        deleteListeners.add(listener);
    }

    /**
     * Called (inside the updating transaction) with the rule as it was, when an edit makes it watch other nodes or
     * chains (see {@link Rule#watchesSameAs(Rule)}).
     */
    public void onRescope(Consumer<Rule> listener) {
        rescopeListeners.add(listener);
    }

    /**
     * Replaces a rule's definition; it stays enabled or disabled as it was. Type and chain cannot change (an
     * {@link IllegalArgumentException} naming the field): that is another rule. An edit that changes which nodes
     * the rule watches (node matchers, alliance scope) closes the rule's open alerts through the rescope listeners;
     * any other edit (threshold, {@code forSeconds}, severity, recipients, texts) keeps them, and the next
     * evaluation judges them by the new definition: resolved, with the usual notification, when it no longer holds.
     */
    @Transactional
    public Rule update(Rule rule) {
        rule.validate();
        Rule existing = repository.find(rule.id()).orElseThrow(() -> new RuleNotFoundException(rule.id()));
        if (!existing.type().equals(rule.type())) {
            throw new IllegalArgumentException("type cannot be changed (the rule is " + existing.type()
                    + "): create a new rule of type " + rule.type() + " and delete this one");
        }
        if (!java.util.Objects.equals(existing.chainId(), rule.chainId())) {
            throw new IllegalArgumentException("chainId cannot be changed: create a rule for the other chain");
        }
        if (!existing.watchesSameAs(rule)) {
            rescopeListeners.forEach(l -> l.accept(existing));
        }
        repository.update(rule);
        refreshAfterCommit();
        return rule;
    }

    public Rule create(Rule rule) {
        rule.validate();
        Rule stored = rule.withId(UUID.randomUUID());
        repository.insert(stored);
        refresh();
        return stored;
    }

    public Optional<Rule> find(UUID id) {
        return repository.find(id);
    }

    public List<Rule> list(UUID orgId) {
        return repository.list(orgId);
    }

    /** Deletes a rule; its open alerts are closed by the delete listeners in the same transaction. */
    @Transactional
    public void delete(UUID id) {
        Rule rule = repository.find(id).orElseThrow(() -> new RuleNotFoundException(id));
        deleteListeners.forEach(l -> l.accept(rule));
        repository.delete(id);
        refreshAfterCommit();
    }

    private void refreshAfterCommit() {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            refresh();
                        }
                    });
        } else {
            refresh();
        }
    }

    /** Enables or disables a rule; a disabled rule's open alerts stay as they are until it is enabled again. */
    public void setEnabled(UUID id, boolean enabled) {
        if (!repository.setEnabled(id, enabled)) {
            throw new RuleNotFoundException(id);
        }
        refresh();
    }

    public boolean isEnabled(UUID id) {
        return repository.enabled(id).orElseThrow(() -> new RuleNotFoundException(id));
    }

    /** The enabled rules as last read. */
    public List<Rule> enabled() {
        return enabled;
    }

    /** Re-reads the enabled rules; keeps the previous snapshot when the database cannot be read. */
    public void refresh() {
        try {
            enabled = List.copyOf(repository.listEnabled());
        } catch (RuntimeException e) {
            log.warn("Could not re-read rules, keeping {} known rules: {}", enabled.size(), e.toString());
        }
    }
}
