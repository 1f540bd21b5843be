package io.chainwatch.alert.rule.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chainwatch.alert.evaluate.Engine;
import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.NodeView;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.notify.text.AlertText;
import io.chainwatch.events.NodeTarget;
import org.junit.jupiter.api.Test;

import static io.chainwatch.alert.evaluate.Engine.CHAIN;
import static io.chainwatch.alert.evaluate.Engine.ORG;
import static io.chainwatch.alert.evaluate.Engine.TO;
import static io.chainwatch.alert.evaluate.Engine.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** consistency: different block hashes at the same height, Ethereum nodes and the peers of a Fabric channel. */
class ConsistencyConditionTest {

    private final Engine engine = new Engine();
    private final ConsistencyRule rule = new ConsistencyRule(UUID.randomUUID(), ORG, CHAIN, 2, "critical", TO, null);

    @Test
    void aNodeOnAnotherForkIsNamedWithTheHeightAndResolvesWhenItAgreesAgain() {
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        NodeTarget b = engine.node("node-b", "ETHEREUM", 1000);
        NodeTarget c = engine.node("node-c", "ETHEREUM", 1000);
        List<Transition> fired = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            engine.advance(1000);
            engine.sample(ok(a, engine.now()).height(10).hash("0xaaaa").build());
            engine.sample(ok(b, engine.now()).height(10).hash("0xaaaa").build());
            engine.sample(ok(c, engine.now()).height(10).hash("0xcccc").build());
            fired.addAll(engine.evaluate(rule));
            if (i < 2) {
                assertThat(fired).as("held %d s of 2", i).isEmpty();
            }
        }
        assertThat(fired).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.FIRING);
            assertThat(t.nodeId()).isNull();
            assertThat(t.summary()).isEqualTo("Nodes of chain chain report different block hashes at height 10: "
                    + "node-c (0xcccc) diverge from node-a, node-b (0xaaaa)");
            assertThat(t.snapshot().nodes()).extracting(NodeView::nodeName)
                    .containsExactly("node-a", "node-b", "node-c");
        });
        AlertEvent e = AlertEvent.of(fired.get(0), fired.get(0).at());
        assertThat(AlertText.of(false).subject(List.of(e))).isEqualTo("[FIRING] Nodes disagree: chain");
        assertThat(AlertText.of(false).lead(List.of(e))).contains("different block hashes", "node-c", "height 10");

        engine.advance(1000);   // c reorganizes onto the others' chain
        engine.sample(ok(a, engine.now()).height(11).hash("0xa11").build());
        engine.sample(ok(c, engine.now()).height(11).hash("0xa11").build());
        assertThat(engine.evaluate(rule)).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(t.summary()).contains("agree again", "height 11");
        });
    }

    @Test
    void nodesAtDifferentHeightsAreComparedAtTheNewestHeightTheyShare() {
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        NodeTarget b = engine.node("node-b", "ETHEREUM", 1000);
        engine.advance(1000);
        engine.sample(ok(a, engine.now()).height(20).hash("0x20a").build());
        engine.sample(ok(a, engine.now() + 1).height(21).hash("0x21a").build());
        engine.sample(ok(b, engine.now()).height(20).hash("0x20a").build());
        assertThat(engine.evaluate(rule)).isEmpty();
        assertThat(engine.evaluator.pending()).as("agree at 20: nothing holds").isEmpty();
        engine.sample(ok(b, engine.now() + 2).height(21).hash("0x21b").build());
        assertThat(engine.evaluate(rule)).as("differ at 21: holds from now").isEmpty();
        engine.advance(3000);
        engine.sample(ok(a, engine.now()).height(21).hash("0x21a").build());
        engine.sample(ok(b, engine.now()).height(21).hash("0x21b").build());
        assertThat(engine.evaluate(rule)).as("two nodes, no majority: both named")
                .singleElement().satisfies(t -> assertThat(t.summary())
                        .contains("height 21", "node-a report 0x21a", "node-b report 0x21b"));
    }

    @Test
    void thePeersOfOneFabricChannelAreComparedOnTheirChannelOnly() {
        NodeTarget p0 = engine.node("peer0", "FABRIC", 1000);
        NodeTarget p1 = engine.node("peer1", "FABRIC", 1000);
        List<Transition> fired = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            engine.advance(1000);
            long now = engine.now();
            engine.sample(ok(p0, now).reading("health.ok", 1).build());  // own samples: no hash, no height
            engine.sample(ok(p1, now).reading("health.ok", 1).build());
            engine.sample(ok(p0, now).channel("ch1").height(5).hash("qUpT1W").build());
            engine.sample(ok(p1, now).channel("ch1").height(5).hash("ZZ9x0b").build());
            engine.sample(ok(p0, now).channel("ch2").height(9).hash("same").build());
            engine.sample(ok(p1, now).channel("ch2").height(9).hash("same").build());
            fired.addAll(engine.evaluate(rule));
        }
        assertThat(fired).singleElement().satisfies(t -> {
            assertThat(t.snapshot().channel()).isEqualTo("ch1");
            assertThat(t.summary()).contains("chain / ch1", "height 5", "peer0 report qUpT1W", "peer1 report ZZ9x0b");
        });
        AlertEvent e = AlertEvent.of(fired.get(0), fired.get(0).at());
        assertThat(AlertText.of(false).subject(List.of(e))).isEqualTo("[FIRING] Nodes disagree: chain / ch1");
    }
}
