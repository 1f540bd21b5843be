package io.chainwatch.alert.rule.nodeunreachable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chainwatch.alert.evaluate.Engine;
import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.notify.text.AlertText;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import org.junit.jupiter.api.Test;

import static io.chainwatch.alert.evaluate.Engine.CHAIN;
import static io.chainwatch.alert.evaluate.Engine.ORG;
import static io.chainwatch.alert.evaluate.Engine.TO;
import static io.chainwatch.alert.evaluate.Engine.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** node_unreachable: a node answering every call with a JSON-RPC error is "erroring", with code and message. */
class NodeUnreachableConditionTest {

    private static final String ERROR = "JSON-RPC error -32000: database corrupt (eth_blockNumber)";

    private final Engine engine = new Engine();
    private final NodeUnreachableRule rule = new NodeUnreachableRule(UUID.randomUUID(), ORG, CHAIN, 5, "critical", TO);

    @Test
    void anErroringNodeFiresAsErroringWithTheErrorAndResolvesAsErroring() {
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        engine.advance(1000);
        engine.sample(ok(a, engine.now()).height(1).build());
        List<Transition> fired = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            engine.advance(1000);
            engine.sample(Engine.failed(a, engine.now(), PollOutcome.ERRORING, ERROR));
            fired.addAll(engine.evaluate(rule));
        }
        assertThat(fired).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.FIRING);
            assertThat(t.summary()).startsWith("Node node-a erroring: ").contains("-32000: database corrupt")
                    .doesNotContain("unreachable");
            assertThat(t.snapshot().nodes()).singleElement()
                    .satisfies(n -> assertThat(n.lastOutcome()).isEqualTo(PollOutcome.ERRORING));
        });
        AlertEvent firing = AlertEvent.of(fired.get(0), fired.get(0).at());
        assertThat(AlertText.of(false).subject(List.of(firing))).isEqualTo("[FIRING] Node erroring: node-a (chain)");
        assertThat(AlertText.of(false).lead(List.of(firing))).contains("is erroring", "-32000: database corrupt");
        assertThat(AlertText.of(true).subject(List.of(firing))).contains("节点返回错误");

        engine.advance(1000);
        engine.sample(ok(a, engine.now()).height(2).build());
        List<Transition> resolved = engine.evaluate(rule);
        assertThat(resolved).singleElement().satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED));
        AlertEvent back = AlertEvent.of(resolved.get(0), fired.get(0).at());
        assertThat(AlertText.of(false).subject(List.of(back))).isEqualTo("[RESOLVED] Node erroring: node-a (chain)");
    }

    @Test
    void aRefusingNodeIsStillUnreachable() {
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        List<Transition> fired = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            engine.advance(1000);
            engine.sample(Engine.failed(a, engine.now(), PollOutcome.REFUSED, "connection refused"));
            fired.addAll(engine.evaluate(rule));
        }
        assertThat(fired).singleElement().satisfies(t -> assertThat(t.summary())
                .startsWith("Node node-a unreachable: polls fail since").contains("REFUSED: connection refused"));
        AlertEvent e = AlertEvent.of(fired.get(0), Instant.now());
        assertThat(AlertText.of(false).subject(List.of(e))).isEqualTo("[FIRING] Node unreachable: node-a (chain)");
    }

    @Test
    void theFailingDeadlineIsConfirmedByAFreshPollOfThatNode() {
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        engine.advance(1000);
        engine.sample(Engine.failed(a, engine.now(), PollOutcome.TIMEOUT, "timeout")); // failing from here
        long failingFrom = engine.now();
        for (int i = 0; i < 4; i++) {
            engine.advance(1000);
            engine.sample(Engine.failed(a, engine.now(), PollOutcome.TIMEOUT, "timeout"));
            assertThat(engine.evaluate(rule)).isEmpty();
        }
        engine.advance(failingFrom + 5000 - engine.now() + 300); // past the deadline, newest failure 1.3 s old
        assertThat(engine.evaluate(rule)).isEmpty();
        assertThat(engine.evaluator.drainPollRequests()).singleElement()
                .satisfies(r -> assertThat(r.nodeIds()).containsExactly(a.nodeId()));
        engine.advance(50);
        engine.sample(ok(a, engine.now()).height(9).build()); // it answers the immediate poll: no page
        assertThat(engine.evaluate(rule)).isEmpty();
    }
}
