package io.chainwatch.alert.evaluate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.rule.LabelMatcher;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.RuleOptions;
import io.chainwatch.alert.rule.chainstalled.ChainStalledRule;
import io.chainwatch.alert.rule.lagging.LaggingRule;
import io.chainwatch.alert.rule.rate.RateRule;
import io.chainwatch.alert.rule.threshold.ThresholdRule;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.chainwatch.testkit.Ids.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule types on a hand-moved clock: threshold, lagging, rate, stalled while transactions pend, node scope. */
class RuleTypesTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID CHAIN = UUID.randomUUID();
    private static final long T0 = 1_800_000_000_000L;
    private static final List<String> TO = List.of("ops@x.example");

    private final MutableClock clock = new MutableClock(T0);
    private final Evaluator evaluator = new Evaluator(clock, interval -> Math.max(3 * interval, 3000));
    private final NodeTarget a = target("a");
    private final NodeTarget b = target("b");

    @BeforeEach
    void nodes() {
        evaluator.target(a);
        evaluator.target(b);
    }

    @Test
    void thresholdHoldsForForSecondsOfPollTimeThenResolves() {
        Rule rule = new ThresholdRule(UUID.randomUUID(), ORG, CHAIN, 3, "warning", TO, Readings.PEER_COUNT, "<", 2.0,
                new RuleOptions(null, "{node} has {value} peers", null, null));
        for (int i = 0; i < 3; i++) {                 // 1 peer at +1, +2, +3 s: held 2 s, not yet
            step(Map.of(a, readings(100, Readings.PEER_COUNT, 1)), Map.of(b, readings(100, Readings.PEER_COUNT, 5)));
            assertThat(evaluator.evaluate(List.of(rule), c -> true)).isEmpty();
        }
        assertThat(evaluator.pending()).hasSize(1);
        step(Map.of(a, readings(100, Readings.PEER_COUNT, 1)), Map.of(b, readings(100, Readings.PEER_COUNT, 5)));
        List<Transition> fire = evaluator.evaluate(List.of(rule), c -> true);
        assertThat(fire).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.FIRING);
            assertThat(t.nodeName()).isEqualTo("node-a");
            assertThat(t.summary()).isEqualTo("node-a has 1 peers");
            assertThat(t.conditionSince().toEpochMilli()).isEqualTo(T0 + 1000);
        });
        fire.forEach(evaluator::applied);
        step(Map.of(a, readings(100, Readings.PEER_COUNT, 1)), Map.of());
        assertThat(evaluator.evaluate(List.of(rule), c -> true)).as("fires once").isEmpty();
        step(Map.of(a, readings(100, Readings.PEER_COUNT, 3)), Map.of());
        assertThat(evaluator.evaluate(List.of(rule), c -> true)).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void thresholdAlsoWatchesASourceThatIsNotARegisteredNodeAndNamesIt() {
        // a database table read by change-data-capture: samples only, no target on the targets topic
        Rule rule = new ThresholdRule(UUID.randomUUID(), ORG, CHAIN, 1, "warning", TO, "settlement.amount", ">", 1000.0, null);
        UUID source = UUID.randomUUID();
        evaluator.sample(cdcSample(source, 5000));
        assertThat(evaluator.evaluate(List.of(rule), c -> true)).isEmpty();
        clock.advance(1500);
        evaluator.sample(cdcSample(source, 7000));
        assertThat(evaluator.evaluate(List.of(rule), c -> true)).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.FIRING);
            assertThat(t.nodeName()).isEqualTo("settlements");
        });
    }

    private NodeSample cdcSample(UUID source, double amount) {
        return new NodeSample(source, CHAIN, ORG, clock.millis(), PollOutcome.OK, null,
                Map.of("settlement.amount", amount), Map.of("cdc.source", "settlements"), List.of(), null);
    }

    @Test
    void aBrokenConditionStartsTheCountAgain() {
        Rule rule = new ThresholdRule(UUID.randomUUID(), ORG, CHAIN, 2, "warning", TO, Readings.PEER_COUNT, "<", 2.0, null);
        step(Map.of(a, readings(1, Readings.PEER_COUNT, 0)), Map.of());
        evaluator.evaluate(List.of(rule), c -> true);
        step(Map.of(a, readings(1, Readings.PEER_COUNT, 4)), Map.of());
        evaluator.evaluate(List.of(rule), c -> true);
        step(Map.of(a, readings(1, Readings.PEER_COUNT, 0)), Map.of());
        evaluator.evaluate(List.of(rule), c -> true);
        step(Map.of(a, readings(1, Readings.PEER_COUNT, 0)), Map.of());
        assertThat(evaluator.evaluate(List.of(rule), c -> true)).as("held 1 s since the break").isEmpty();
        step(Map.of(a, readings(1, Readings.PEER_COUNT, 0)), Map.of());
        assertThat(evaluator.evaluate(List.of(rule), c -> true)).hasSize(1);
    }

    @Test
    void laggingFiresForTheNodeBehindTheChainsBestAndNotForTheBest() {
        Rule rule = new LaggingRule(UUID.randomUUID(), ORG, CHAIN, 2, "warning", TO, 5, null);
        for (int i = 0; i < 2; i++) {                 // b 10 and 11 blocks behind at +1 s, +2 s: held 1 s
            step(Map.of(a, readings(100 + i, Readings.PEER_COUNT, 3)), Map.of(b, readings(90, Readings.PEER_COUNT, 3)));
            assertThat(evaluator.evaluate(List.of(rule), c -> true)).isEmpty();
        }
        step(Map.of(a, readings(102, Readings.PEER_COUNT, 3)), Map.of(b, readings(90, Readings.PEER_COUNT, 3)));
        List<Transition> fire = evaluator.evaluate(List.of(rule), c -> true);
        assertThat(fire).singleElement().satisfies(t -> {
            assertThat(t.nodeName()).isEqualTo("node-b");
            assertThat(t.summary()).contains("12 blocks behind");
        });
        fire.forEach(evaluator::applied);
        step(Map.of(a, readings(104, Readings.PEER_COUNT, 3)), Map.of(b, readings(101, Readings.PEER_COUNT, 3)));
        assertThat(evaluator.evaluate(List.of(rule), c -> true)).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void ratioOverAWindowFiresAboveFivePercentInvalid() {
        Rule rule = new RateRule(UUID.randomUUID(), ORG, CHAIN, 1, "critical", TO, Readings.FABRIC_TX_INVALID,
                Readings.FABRIC_TX_COUNT, 5, ">", 0.05, null);
        evaluator.evaluate(List.of(rule), c -> true); // learns the window
        for (int i = 0; i < 5; i++) {                 // 1 invalid of 100 per second: 1 %
            step(Map.of(a, fabric(100, 1)), Map.of());
            assertThat(evaluator.evaluate(List.of(rule), c -> true)).isEmpty();
        }
        for (int i = 0; i < 3; i++) {                 // 30 of 100: the 5-s window climbs past 5 %
            step(Map.of(a, fabric(100, 30)), Map.of());
            List<Transition> out = evaluator.evaluate(List.of(rule), c -> true);
            out.forEach(evaluator::applied);
            if (!out.isEmpty()) {
                assertThat(out.get(0).to()).isEqualTo(AlertStatus.FIRING);
                assertThat(out.get(0).summary()).contains("fabric.tx.invalid / fabric.tx.count over 5 s");
            }
        }
        assertThat(evaluator.isFiring(Fingerprints.of(rule.id(), CHAIN, null))).isTrue();
        for (int i = 0; i < 6; i++) {                 // back to 0 invalid: the window drains
            step(Map.of(a, fabric(100, 0)), Map.of());
            evaluator.evaluate(List.of(rule), c -> true).forEach(evaluator::applied);
        }
        assertThat(evaluator.isFiring(Fingerprints.of(rule.id(), CHAIN, null))).isFalse();
    }

    @Test
    void stalledInPendingTransactionsModeIgnoresAnIdleChain() {
        Rule rule = new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 3, "critical", TO,
                ChainStalledRule.MODE_PENDING_TRANSACTIONS, null);
        for (int i = 0; i < 10; i++) {                // idle: same height, nothing pending, for 10 s
            step(Map.of(a, readings(50, Readings.TXPOOL_PENDING, 0)), Map.of());
            assertThat(evaluator.evaluate(List.of(rule), c -> true)).as("idle is not stalled").isEmpty();
        }
        for (int i = 0; i < 3; i++) {                 // transactions pending, height unchanged: 2 s counted
            step(Map.of(a, readings(50, Readings.TXPOOL_PENDING, 4)), Map.of());
            assertThat(evaluator.evaluate(List.of(rule), c -> true)).isEmpty();
        }
        step(Map.of(a, readings(50, Readings.TXPOOL_PENDING, 4)), Map.of());
        assertThat(evaluator.evaluate(List.of(rule), c -> true)).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.FIRING));
    }

    @Test
    void scopeMatchersLimitTheNodesOfARule() {
        Rule rule = new ThresholdRule(UUID.randomUUID(), ORG, CHAIN, 1, "warning", TO, Readings.PEER_COUNT, "<", 2.0,
                new RuleOptions(List.of(new LabelMatcher("node", "!=", "node-a")), null, null, null));
        for (int i = 0; i < 3; i++) {
            step(Map.of(a, readings(1, Readings.PEER_COUNT, 0)), Map.of(b, readings(1, Readings.PEER_COUNT, 0)));
            evaluator.evaluate(List.of(rule), c -> true).forEach(t -> {
                assertThat(t.nodeName()).isEqualTo("node-b");
                evaluator.applied(t);
            });
        }
        assertThat(evaluator.isFiring(Fingerprints.of(rule.id(), CHAIN, b.nodeId()))).isTrue();
        assertThat(evaluator.isFiring(Fingerprints.of(rule.id(), CHAIN, a.nodeId()))).isFalse();
    }

    @Test
    void anAllianceScopeMatchesTheNodesWhoseTargetListsTheAlliance() {
        evaluator.target(withAlliances(a, 2, List.of(id("alliance-1"), id("alliance-9"))));
        Rule ofAlliance1 = new ThresholdRule(UUID.randomUUID(), ORG, CHAIN, 1, "warning", TO, Readings.PEER_COUNT, "<",
                2.0, new RuleOptions(null, null, null, null, id("alliance-1")));
        Rule ofAlliance2 = new ThresholdRule(UUID.randomUUID(), ORG, CHAIN, 1, "warning", TO, Readings.PEER_COUNT, "<",
                2.0, new RuleOptions(null, null, null, null, id("alliance-2")));
        Rule stalledOfAlliance2 = new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 1, "warning", TO, null,
                new RuleOptions(null, null, null, null, id("alliance-2")));
        List<Rule> rules = List.of(ofAlliance1, ofAlliance2, stalledOfAlliance2);
        for (int i = 0; i < 4; i++) {
            step(Map.of(a, readings(1, Readings.PEER_COUNT, 0)), Map.of(b, readings(1, Readings.PEER_COUNT, 0)));
            evaluator.evaluate(rules, c -> true).forEach(t -> {
                assertThat(t.rule()).as("only alliance-1 has a node here").isEqualTo(ofAlliance1);
                assertThat(t.nodeName()).isEqualTo("node-a");
                evaluator.applied(t);
            });
        }
        assertThat(evaluator.isFiring(Fingerprints.of(ofAlliance1.id(), CHAIN, a.nodeId()))).isTrue();
        assertThat(evaluator.isFiring(Fingerprints.of(ofAlliance1.id(), CHAIN, b.nodeId()))).isFalse();

        evaluator.target(withAlliances(b, 2, List.of(id("alliance-2"))));   // b's chain now serves alliance-2 as well
        List<Transition> next = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            step(Map.of(a, readings(1, Readings.PEER_COUNT, 0)), Map.of(b, readings(1, Readings.PEER_COUNT, 0)));
            evaluator.evaluate(rules, c -> true).forEach(t -> {
                next.add(t);
                evaluator.applied(t);
            });
        }
        assertThat(next).extracting(t -> t.rule().id()).contains(ofAlliance2.id(), stalledOfAlliance2.id());
        assertThat(next).filteredOn(t -> t.rule() == ofAlliance2).extracting(Transition::nodeName)
                .containsExactly("node-b");
    }

    @Test
    void anAllianceRuleWithoutAChainCoversEveryChainOfTheAlliance() {
        UUID chain2 = UUID.randomUUID();
        UUID chain3 = UUID.randomUUID();
        NodeTarget c = new NodeTarget(UUID.randomUUID(), "node-c", ORG, "acme", chain2,
                "chain-2", "FABRIC", "http://127.0.0.1:1", 1000, 1, null, null, List.of(id("alliance-1")));
        NodeTarget d = new NodeTarget(UUID.randomUUID(), "node-d", ORG, "acme", chain3,
                "chain-3", "FABRIC", "http://127.0.0.1:1", 1000, 1, null, null, List.of(id("alliance-other")));
        NodeTarget foreign = new NodeTarget(UUID.randomUUID(), "node-f", UUID.randomUUID(),
                "other org", chain3, "chain-3", "FABRIC", "http://127.0.0.1:1", 1000, 1, null, null,
                List.of(id("alliance-1")));
        evaluator.target(withAlliances(a, 2, List.of(id("alliance-1"))));
        evaluator.target(c);
        evaluator.target(d);
        evaluator.target(foreign);
        Rule rule = new ThresholdRule(UUID.randomUUID(), ORG, null, 1, "warning", TO, Readings.PEER_COUNT, "<", 2.0,
                new RuleOptions(null, null, null, null, id("alliance-1")));
        rule.validate();
        assertThat(evaluator.chainsOf(rule)).as("chains where the organization has a node of the alliance")
                .containsExactlyInAnyOrder(CHAIN, chain2);

        List<Transition> fired = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            step(Map.of(a, readings(1, Readings.PEER_COUNT, 0), b, readings(1, Readings.PEER_COUNT, 0),
                    c, readings(1, Readings.PEER_COUNT, 0), d, readings(1, Readings.PEER_COUNT, 0),
                    foreign, readings(1, Readings.PEER_COUNT, 0)));
            evaluator.evaluate(List.of(rule), x -> true).forEach(t -> {
                fired.add(t);
                evaluator.applied(t);
            });
        }
        assertThat(fired).extracting(Transition::nodeName).containsExactlyInAnyOrder("node-a", "node-c");
        assertThat(fired).extracting(Transition::chainId).containsExactlyInAnyOrder(CHAIN, chain2);
        assertThat(fired).extracting(Transition::fingerprint).doesNotHaveDuplicates()
                .contains(Fingerprints.of(rule.id(), chain2, c.nodeId()));
        assertThatThrownBy(() -> new ThresholdRule(null, ORG, null, 1, null, TO, "x", "<", 1.0, null).validate())
                .hasMessageContaining("chainId is required");
    }

    @Test
    void validationNamesTheBadField() {
        assertThatThrownBy(() -> new ThresholdRule(null, ORG, CHAIN, 1, null, TO, "x", "=>", 1.0, null).validate())
                .hasMessageContaining("operator must be one of >, >=, <, <=, ==, !=");
        assertThatThrownBy(() -> new LaggingRule(null, ORG, CHAIN, 1, null, TO, 3,
                new RuleOptions(List.of(new LabelMatcher("node", "=~", "[")), null, null, null)).validate())
                .hasMessageContaining("invalid regular expression");
    }

    /** Advances 1 s and feeds one sample per node given. */
    @SafeVarargs
    private void step(Map<NodeTarget, Map<String, Double>>... perNode) {
        clock.advance(1000);
        for (Map<NodeTarget, Map<String, Double>> m : perNode) {
            m.forEach((t, r) -> evaluator.sample(new NodeSample(t.nodeId(), t.chainId(), t.orgId(), clock.millis(),
                    PollOutcome.OK, null, r, Map.of(), List.of(), null)));
        }
    }

    private static Map<String, Double> readings(long height, String name, double value) {
        Map<String, Double> r = new HashMap<>();
        r.put(Readings.BLOCK_HEIGHT, (double) height);
        r.put(name, value);
        return r;
    }

    private static Map<String, Double> fabric(double count, double invalid) {
        return Map.of(Readings.BLOCK_HEIGHT, 1.0, Readings.FABRIC_TX_COUNT, count, Readings.FABRIC_TX_INVALID, invalid);
    }

    private static NodeTarget withAlliances(NodeTarget t, long version, List<UUID> alliances) {
        return new NodeTarget(t.nodeId(), t.nodeName(), t.orgId(), t.orgName(), t.chainId(), t.chainName(),
                t.platform(), t.rpcUrl(), t.pollIntervalMs(), version, t.metricsUrl(), t.fabric(), alliances);
    }

    private static NodeTarget target(String name) {
        return new NodeTarget(UUID.randomUUID(), "node-" + name, ORG, "acme", CHAIN,
                "chain", "FABRIC", "http://127.0.0.1:1", 1000, 1, null, null, null);
    }
}
