package io.chainwatch.alert.alert;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.alert.evaluate.Transition;
import io.chainwatch.alert.notify.OutboxRepository;
import io.chainwatch.alert.notify.email.EmailComposer;
import io.chainwatch.alert.notify.email.EmailNotifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records a transition: the alert row and one outbox message per recipient, in one transaction. */
@Service
public class TransitionRecorder {

    private final AlertRepository alerts;
    private final OutboxRepository outbox;
    private final EmailComposer composer;

    public TransitionRecorder(AlertRepository alerts, OutboxRepository outbox, EmailComposer composer) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.composer = composer;
    }

    /**
     * Records the transition. Returns false when the database already had the alert in that state (recorded
     * before, e.g. by another instance): then nothing is written and nothing is sent.
     */
    @Transactional
    public boolean record(Transition t) {
        Instant startedAt;
        if (t.to() == AlertStatus.FIRING) {
            boolean changed = alerts.fire(t.fingerprint(), t.rule().id(), t.rule().type(), t.rule().severity(),
                    t.rule().orgId(), t.rule().chainId(), t.nodeId(), t.startedAt(), t.summary());
            if (!changed) {
                return false;
            }
            startedAt = t.startedAt();
        } else {
            Optional<Instant> started = alerts.resolve(t.fingerprint(), t.at(), t.summary());
            if (started.isEmpty()) {
                return false;
            }
            startedAt = started.get();
        }
        EmailComposer.Email email = composer.compose(t);
        for (String recipient : t.rule().emailTo()) {
            outbox.enqueue(t.fingerprint(), t.to().name(), startedAt, EmailNotifier.CHANNEL, recipient,
                    email.subject(), email.body());
        }
        return true;
    }

    /** Closes alerts without notification (their node was deleted). */
    @Transactional
    public int closeQuietly(java.util.List<String> fingerprints, String reason) {
        return alerts.closeQuietly(fingerprints, reason);
    }

    /** Closes a rule's alerts without notification (the rule is being deleted; joins the caller's transaction). */
    @Transactional
    public int closeQuietlyByRule(UUID ruleId, String reason) {
        return alerts.closeQuietlyByRule(ruleId, reason);
    }
}
