package io.chainwatch.alert.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.alert.AlertMetrics;
import io.chainwatch.alert.problem.ConflictException;
import io.chainwatch.alert.problem.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a transition in one transaction: the alert row, its history episode and the event the notification
 * planner turns into messages. Also acknowledgement.
 */
@Service
public class TransitionRecorder {

    private final AlertRepository alerts;
    private final AlertEventRepository events;
    private final AlertMetrics metrics;
    private final io.chainwatch.alert.lifecycle.TransitionAudit audit;

    public TransitionRecorder(AlertRepository alerts, AlertEventRepository events, AlertMetrics metrics,
            io.chainwatch.alert.lifecycle.TransitionAudit audit) {
        this.alerts = alerts;
        this.events = events;
        this.metrics = metrics;
        this.audit = audit;
    }

    /**
     * Records the transition. Returns false when the database already had the alert in that state (recorded
     * before, e.g. by another instance): then nothing is written and nothing is sent.
     */
    @Transactional
    public boolean record(Transition t) {
        Snapshot s = t.snapshot();
        String orgName = s == null ? null : s.orgName();
        String chainName = s == null ? null : s.chainName();
        if (t.to() == AlertStatus.FIRING) {
            boolean changed = alerts.fire(t.fingerprint(), t.rule().id(), t.rule().type(), t.rule().severity(),
                    t.rule().orgId(), t.chainId(), t.nodeId(), t.startedAt(), t.summary(), orgName, chainName,
                    t.nodeName());
            if (!changed) {
                return false;
            }
            events.insert(AlertEvent.of(t, t.startedAt()));
        } else {
            Optional<AlertRepository.Resolved> resolved = alerts.resolve(t.fingerprint(), t.at(), t.summary());
            if (resolved.isEmpty()) {
                return false;
            }
            events.insert(AlertEvent.of(t, resolved.get().startedAt()));
            metrics.timeToResolve(orgName, chainName, seconds(resolved.get().startedAt(), t.at()));
        }
        audit.transition(t); // in this transaction: the audit trail has the transition iff it is committed
        metrics.transition(t.rule().type(), t.to().name());
        return true;
    }

    /** Acknowledges a firing alert: no repeats, no escalation; its resolution is still announced. */
    @Transactional
    public AlertView acknowledge(String fingerprint, String by) {
        Instant now = Instant.now();
        AlertView acked = alerts.acknowledge(fingerprint, by, now).orElseThrow(() -> {
            AlertView current = alerts.find(fingerprint).orElseThrow(() -> new NotFoundException("alert", fingerprint));
            return new ConflictException("Alert " + fingerprint + " is " + current.status() + ", not FIRING");
        });
        audit.acknowledged(acked);
        metrics.timeToAcknowledge(acked.orgName(), acked.chainName(), seconds(acked.startedAt(), now));
        metrics.transition(acked.type(), AlertStatus.ACKNOWLEDGED.name());
        return acked;
    }

    /** Closes alerts without notification (their node was deleted). */
    @Transactional
    public int closeQuietly(List<String> fingerprints, String reason) {
        return alerts.closeQuietly(fingerprints, reason);
    }

    /** Closes a rule's alerts without notification (the rule is being deleted; joins the caller's transaction). */
    @Transactional
    public int closeQuietlyByRule(UUID ruleId, String reason) {
        return alerts.closeQuietlyByRule(ruleId, reason);
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
