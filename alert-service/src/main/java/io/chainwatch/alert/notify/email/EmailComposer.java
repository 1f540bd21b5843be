package io.chainwatch.alert.notify.email;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import io.chainwatch.alert.alert.AlertStatus;
import io.chainwatch.alert.evaluate.NodeView;
import io.chainwatch.alert.evaluate.Snapshot;
import io.chainwatch.alert.evaluate.Transition;
import io.chainwatch.alert.rule.ChainStalledRule;
import org.springframework.stereotype.Component;

/** Subject and plain-text body of an alert e-mail. */
@Component
public class EmailComposer {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

    /** A composed e-mail. */
    public record Email(String subject, String body) {
    }

    public Email compose(Transition t) {
        Snapshot s = t.snapshot();
        boolean stalled = t.rule() instanceof ChainStalledRule;
        String chain = s.chainName();
        String subject = "[" + t.to() + "] "
                + (stalled ? "Chain stalled: " + chain : "Node unreachable: " + t.nodeName() + " (" + chain + ")");
        StringBuilder b = new StringBuilder();
        if (t.to() == AlertStatus.FIRING) {
            b.append(stalled
                    ? "The chain " + chain + " has stopped advancing: its best block height has not increased for "
                            + "at least " + t.rule().forSeconds() + " s while at least one of its nodes answers."
                    : "The node " + t.nodeName() + " of chain " + chain + " is unreachable: "
                            + "its polls have failed, or no sample has arrived for it, for at least "
                            + t.rule().forSeconds() + " s.");
            b.append("\n\nWhat happened: ").append(t.summary()).append('\n');
            b.append("Since: ").append(ts(t.conditionSince())).append(" (for ")
                    .append(seconds(t.conditionSince(), t.at())).append(" s)\n");
        } else {
            b.append(stalled
                    ? "The chain " + chain + " is advancing again: its best block height has increased."
                    : "The node " + t.nodeName() + " of chain " + chain + " answers again.");
            b.append("\n\nWhat happened: ").append(t.summary()).append('\n');
            b.append("Alert fired at: ").append(ts(t.startedAt())).append('\n');
            b.append("Resolved at: ").append(ts(t.at())).append(" (after ")
                    .append(seconds(t.startedAt(), t.at())).append(" s)\n");
        }
        b.append('\n');
        b.append("Organization: ").append(s.orgName()).append(" (").append(s.orgId()).append(")\n");
        b.append("Chain: ").append(chain).append(" (").append(s.chainId()).append(")\n");
        if (!stalled) {
            b.append("Node: ").append(t.nodeName()).append(" (").append(t.nodeId()).append(")\n");
        }
        b.append("Rule: ").append(t.rule().type()).append(", for ").append(t.rule().forSeconds())
                .append(" s, severity ").append(t.rule().severity()).append(" (").append(t.rule().id()).append(")\n");
        b.append("\nCurrent values (at ").append(ts(t.at())).append("):\n");
        b.append("Best height of the chain: ")
                .append(s.bestHeight() == null ? "unknown" : String.valueOf(s.bestHeight().longValue()));
        if (s.bestHeightSince() != null) {
            b.append(", last increased at ").append(ts(s.bestHeightSince())).append(" (")
                    .append(seconds(s.bestHeightSince(), t.at())).append(" s ago)");
        }
        b.append('\n');
        for (NodeView n : s.nodes()) {
            b.append("Node ").append(n.nodeName()).append(": ");
            if (n.lastSampleAt() == null) {
                b.append("no sample since ").append(ts(n.learnedAt()));
            } else {
                b.append("last sample ").append(ts(n.lastSampleAt())).append(", outcome ").append(n.lastOutcome());
                if (n.lastError() != null && !n.lastError().isBlank()) {
                    b.append(", error: ").append(n.lastError());
                }
            }
            b.append(", height ").append(n.height() == null ? "unknown" : String.valueOf(n.height().longValue()));
            b.append(", head age ").append(n.headAgeSeconds() == null ? "unknown"
                    : Math.round(n.headAgeSeconds()) + " s").append('\n');
        }
        b.append("\n-- ChainWatch\n");
        return new Email(subject, b.toString());
    }

    private static String ts(Instant i) {
        return i == null ? "unknown" : UTC.format(i.truncatedTo(ChronoUnit.MILLIS));
    }

    private static long seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Math.max(0, Duration.between(from, to).toSeconds());
    }
}
