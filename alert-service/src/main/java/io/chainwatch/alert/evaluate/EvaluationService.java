package io.chainwatch.alert.evaluate;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.chainwatch.alert.AlertMetrics;
import io.chainwatch.alert.AlertProperties;
import io.chainwatch.alert.alert.AlertRepository;
import io.chainwatch.alert.alert.TransitionRecorder;
import io.chainwatch.alert.notify.OutboxDispatcher;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.RuleStore;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs the {@link Evaluator} for the Kafka inputs and the evaluation timer, records each transition (alert row
 * and outbox in one transaction) and wakes the dispatcher after the commit. Firing alerts are loaded from the
 * database before the first evaluation and whenever this instance takes over chains.
 */
@Service
public class EvaluationService {

    private static final Logger log = LoggerFactory.getLogger(EvaluationService.class);

    private final Evaluator evaluator;
    private final RuleStore rules;
    private final AlertRepository alerts;
    private final TransitionRecorder recorder;
    private final OutboxDispatcher dispatcher;
    private final MeterRegistry meters;
    private final Set<UUID> deletedRules = ConcurrentHashMap.newKeySet();
    private volatile Predicate<String> ownsChain = chain -> false;
    private boolean firingLoaded;

    public EvaluationService(AlertProperties properties, RuleStore rules, AlertRepository alerts,
                             TransitionRecorder recorder, OutboxDispatcher dispatcher, MeterRegistry meters) {
        this.evaluator = new Evaluator(Clock.systemUTC(), properties::freshnessMs);
        this.rules = rules;
        this.alerts = alerts;
        this.recorder = recorder;
        this.dispatcher = dispatcher;
        this.meters = meters;
        rules.onDelete(this::ruleDeleted);
    }

    public synchronized void onTarget(NodeTarget target) {
        evaluator.target(target);
    }

    /** A node was deleted: its open alerts are closed quietly (resolved without notification). */
    public synchronized void onTargetRemoved(String nodeId) {
        List<String> closed = evaluator.removeNode(nodeId);
        if (!closed.isEmpty()) {
            try {
                recorder.closeQuietly(closed, "node deleted");
                log.info("Node {} deleted: closed {} alert(s) without notification", nodeId, closed.size());
            } catch (RuntimeException e) {
                log.warn("Could not close the alerts of deleted node {}: {}", nodeId, e.toString());
            }
        }
    }

    public synchronized void onSample(NodeSample sample) {
        evaluator.sample(sample);
    }

    /**
     * The samples partitions assigned to this instance changed: from now on it evaluates the chains accepted by
     * {@code owns}; chains accepted by {@code newlyOwned} start over (startup grace) and the firing alerts are
     * reloaded, since another instance may have changed them meanwhile.
     */
    public synchronized void ownershipChanged(Predicate<String> owns, Predicate<String> newlyOwned) {
        this.ownsChain = owns;
        evaluator.takeOver(newlyOwned);
        firingLoaded = false;
        loadFiring();
    }

    /** One evaluation round (timer). */
    public synchronized void tick() {
        if (!firingLoaded && !loadFiring()) {
            return;
        }
        List<Rule> active = rules.enabled().stream().filter(r -> !deletedRules.contains(r.id())).toList();
        boolean recorded = false;
        for (Transition t : evaluator.evaluate(active, ownsChain)) {
            try {
                if (recorder.record(t)) {
                    recorded = true;
                    Counter.builder(AlertMetrics.TRANSITIONS).tag("type", t.rule().type()).tag("status", t.to().name())
                            .description("Alert transitions by rule type and new status").register(meters).increment();
                    log.info("Alert {} {}: {}", t.fingerprint(), t.to(), t.summary());
                } else {
                    log.info("Alert {} was already {} in the database", t.fingerprint(), t.to());
                }
                evaluator.applied(t);
            } catch (RuntimeException e) {
                log.warn("Could not record transition {} of alert {}, will retry: {}", t.to(), t.fingerprint(),
                        e.toString());
                break;
            }
        }
        if (recorded) {
            dispatcher.wake();
        }
    }

    private boolean loadFiring() {
        try {
            evaluator.loadFiring(alerts.firing());
            firingLoaded = true;
        } catch (RuntimeException e) {
            log.warn("Could not load firing alerts, evaluation waits: {}", e.toString());
        }
        return firingLoaded;
    }

    /** Runs inside the rule's delete transaction. */
    private void ruleDeleted(Rule rule) {
        deletedRules.add(rule.id());
        synchronized (this) {
            evaluator.forgetRule(rule.id());
            recorder.closeQuietlyByRule(rule.id(), "rule deleted");
        }
    }
}
