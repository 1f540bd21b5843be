package io.chainwatch.alert.rule.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chainwatch.alert.evaluate.Engine;
import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Readings;
import org.junit.jupiter.api.Test;

import static io.chainwatch.alert.evaluate.Engine.CHAIN;
import static io.chainwatch.alert.evaluate.Engine.ORG;
import static io.chainwatch.alert.evaluate.Engine.TO;
import static io.chainwatch.alert.evaluate.Engine.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * threshold on a Fabric peer on two channels: the peer's own operations readings stay visible beside its channel
 * samples, and each channel is judged on its own height, the text naming the channel.
 */
class ThresholdPerSeriesTest {

    private final Engine engine = new Engine();

    private List<Transition> run(ThresholdRule rule) {
        NodeTarget peer = engine.node("peer0", "FABRIC", 1000);
        List<Transition> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            engine.advance(1000);
            long now = engine.now();
            engine.sample(ok(peer, now).reading(Readings.METRICS_SCRAPE_OK, 1).reading(Readings.HEALTH_OK, 1)
                    .reading("metric.endorser_proposals_received", 40 + i)
                    .reading("metric.ledger_blockchain_height.channel=mychannel", 182).build());
            engine.sample(ok(peer, now).channel("mychannel").height(182).build()); // the same poll, after it
            engine.sample(ok(peer, now).channel("other").height(7).build());
            out.addAll(engine.evaluate(rule));
        }
        return out;
    }

    private static ThresholdRule rule(String reading, String op, double value) {
        return new ThresholdRule(UUID.randomUUID(), ORG, CHAIN, 1, "warning", TO, reading, op, value, null);
    }

    @Test
    void thePeersOwnReadingsAreNotReplacedByItsChannelSamples() {
        assertThat(run(rule("metric.endorser_proposals_received", ">=", 0))).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.FIRING);
            assertThat(t.summary()).isEqualTo("Node peer0: metric.endorser_proposals_received = 41 >= 0");
            assertThat(t.snapshot().channel()).isNull();
        });
        assertThat(new ThresholdPerSeriesTest().run(rule(Readings.HEALTH_OK, "==", 1))).hasSize(1);
    }

    @Test
    void aLabelledMetricAndTheScrapeReadingAreVisibleToo() {
        assertThat(run(rule("metric.ledger_blockchain_height.channel=mychannel", ">=", 0))).hasSize(1);
        assertThat(new ThresholdPerSeriesTest().run(rule(Readings.METRICS_SCRAPE_OK, ">=", 0))).hasSize(1);
    }

    @Test
    void eachChannelIsJudgedOnItsOwnHeightAndNamed() {
        assertThat(run(rule(Readings.BLOCK_HEIGHT, "<", 100))).singleElement().satisfies(t -> {
            assertThat(t.summary()).isEqualTo("Node peer0 channel other: block.height = 7 < 100");
            assertThat(t.snapshot().channel()).isEqualTo("other");
            assertThat(t.snapshot().nodes()).singleElement()
                    .satisfies(n -> assertThat(n.channel()).isEqualTo("other"));
        });
    }
}
