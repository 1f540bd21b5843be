package io.chainwatch.alert.notify.email;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chainwatch.alert.AlertProperties;
import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.NodeView;
import io.chainwatch.alert.lifecycle.Snapshot;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.rule.chainstalled.ChainStalledRule;
import io.chainwatch.alert.rule.lagging.LaggingRule;
import io.chainwatch.alert.rule.nodeunreachable.NodeUnreachableRule;
import io.chainwatch.events.PollOutcome;
import org.junit.jupiter.api.Test;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;

/** Subjects exactly as docs/architecture.md; bodies in plain words with the values; backoff arithmetic. */
class EmailComposerTest {

    private final EmailComposer composer = new EmailComposer();
    private final Instant since = Instant.parse("2026-11-22T10:00:00Z");
    private final Instant now = Instant.parse("2026-11-22T10:00:42Z");
    private final NodeView node = new NodeView(id("n-1"), "anvil-1", Instant.parse("2026-11-22T10:00:41Z"),
            PollOutcome.REFUSED, "connection refused", 1234.0, 3.0, since);
    private final Snapshot snapshot = new Snapshot(id("org-1"), "acme", id("chain-1"), "anvil-dev", 1234.0, since,
            List.of(node));

    @Test
    void unreachableSubjectsAndBody() {
        NodeUnreachableRule rule = new NodeUnreachableRule(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 10,
                "critical", List.of("ops@acme.example"));
        EmailComposer.Email firing = composer.compose(new Transition("fp", rule, AlertStatus.FIRING, id("n-1"),
                "anvil-1", since, now, now, "Node anvil-1 unreachable: polls fail", snapshot));
        assertThat(firing.subject()).isEqualTo("[FIRING] Node unreachable: anvil-1 (anvil-dev)");
        assertThat(firing.body()).contains("Organization: acme (" + rule.orgId() + ")",
                "Chain: anvil-dev (" + rule.chainId() + ")",
                "Node: anvil-1 (" + id("n-1") + ")", "Since: 2026-11-22T10:00:00Z (for 42 s)",
                "Best height of the chain: 1234, last increased at 2026-11-22T10:00:00Z (42 s ago)",
                "Node anvil-1: last sample 2026-11-22T10:00:41Z, outcome REFUSED, error: connection refused, "
                        + "height 1234, head age 3 s");
        EmailComposer.Email resolved = composer.compose(new Transition("fp", rule, AlertStatus.RESOLVED, id("n-1"),
                "anvil-1", since, since, now, "Node anvil-1 answers again", snapshot));
        assertThat(resolved.subject()).isEqualTo("[RESOLVED] Node unreachable: anvil-1 (anvil-dev)");
        assertThat(resolved.body()).contains("answers again", "Resolved at: 2026-11-22T10:00:42Z (after 42 s)");
    }

    @Test
    void stalledSubjects() {
        ChainStalledRule rule = new ChainStalledRule(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 10,
                "critical", List.of("ops@acme.example"));
        assertThat(composer.compose(new Transition("fp", rule, AlertStatus.FIRING, null, null, since, now, now, "s",
                snapshot)).subject()).isEqualTo("[FIRING] Chain stalled: anvil-dev");
        assertThat(composer.compose(new Transition("fp", rule, AlertStatus.RESOLVED, null, null, since, since, now, "s",
                snapshot)).subject()).isEqualTo("[RESOLVED] Chain stalled: anvil-dev");
    }

    /** A lagging node's mail says what happened in its own words first, and gives the summary once. */
    @Test
    void laggingMailsLeadWithASentenceAndGiveTheSummaryOnce() {
        LaggingRule rule = new LaggingRule(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 10, "critical",
                List.of("ops@acme.example"), 5, null);
        String summary = "Node anvil-1 is 19 blocks behind the chain's best (1234), more than 5";
        Transition firing = new Transition("fp", rule, AlertStatus.FIRING, id("n-1"), "anvil-1", since, now, now,
                summary, snapshot);
        io.chainwatch.alert.notify.Message mail = composer.compose(
                List.of(io.chainwatch.alert.lifecycle.AlertEvent.of(firing, now)), false);
        assertThat(mail.subject()).isEqualTo("[FIRING] Node lagging: anvil-1 (anvil-dev)");
        assertThat(mail.text()).startsWith("The node anvil-1 of chain anvil-dev has been more blocks behind the"
                + " chain's best node than the rule allows for at least 10 s.\n")
                .contains("What happened: " + summary);
        assertThat(mail.text().split(java.util.regex.Pattern.quote(summary), -1)).as("the summary once").hasSize(2);
        assertThat(composer.compose(List.of(io.chainwatch.alert.lifecycle.AlertEvent.of(firing, now)), true).text())
                .startsWith("链 anvil-dev 的节点 anvil-1 落后：至少 10 秒内");

        Transition resolved = new Transition("fp", rule, AlertStatus.RESOLVED, id("n-1"), "anvil-1", since, since,
                now, "Node anvil-1 is within 5 blocks of the chain's best again", snapshot);
        assertThat(composer.compose(List.of(io.chainwatch.alert.lifecycle.AlertEvent.of(resolved, now)), false)
                .text()).startsWith("The node anvil-1 of chain anvil-dev has caught up with the chain's best node.\n");
    }

    @Test
    void aGroupListsEachNodeUnderItsNameAndTheHtmlEscapesWhatNodesAreCalled() {
        NodeUnreachableRule rule = new NodeUnreachableRule(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 10,
                "critical", List.of("ops@acme.example"));
        List<io.chainwatch.alert.lifecycle.AlertEvent> group = List.of(
                io.chainwatch.alert.lifecycle.AlertEvent.of(new Transition("fp1", rule, AlertStatus.FIRING, id("n-1"),
                        "<script>alert(1)</script>", since, now, now, "down", snapshot), now),
                io.chainwatch.alert.lifecycle.AlertEvent.of(new Transition("fp2", rule, AlertStatus.FIRING, id("n-2"),
                        "anvil-2", since, now, now, "down", null), now));
        io.chainwatch.alert.notify.Message mail = composer.compose(group, false);
        assertThat(mail.text()).contains("== <script>alert(1)</script> ==\n", "== anvil-2 ==\n")
                .endsWith("\n-- ChainWatch\n");
        assertThat(mail.text().indexOf("== anvil-2 ==")).isGreaterThan(mail.text().indexOf("== <script>"));
        assertThat(mail.html()).contains("<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>", "<h3>anvil-2</h3>",
                "<li>Node anvil-1: last sample").doesNotContain("<script>");
        assertThat(composer.compose(group, true).text()).contains("== anvil-2 ==");
    }

    @Test
    void backoffDoublesFromTheBaseUpToTheCap() {
        AlertProperties p = new AlertProperties(Duration.ofMillis(250), Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(60), 50, "x@y", 3, Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofHours(4), 1000, 5, Duration.ofMillis(1500),
                Duration.ofSeconds(2), Duration.ofSeconds(1), "");
        assertThat(List.of(p.backoff(0), p.backoff(1), p.backoff(2), p.backoff(5), p.backoff(6), p.backoff(40)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(32), Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThat(p.freshnessMs(250)).isEqualTo(3000);
        assertThat(p.freshnessMs(5000)).isEqualTo(15000);
    }
}
