package io.chainwatch.alert.evaluate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.FiringAlert;
import io.chainwatch.alert.lifecycle.NodeView;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.chainstalled.ChainStalledRule;
import io.chainwatch.alert.rule.nodeunreachable.NodeUnreachableRule;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule conditions, driven by a hand-moved clock and hand-made samples: no sleeps, no servers. */
class EvaluatorTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID CHAIN = UUID.randomUUID();
    private static final long T0 = 1_800_000_000_000L;

    private final MutableClock clock = new MutableClock(T0);
    private final Evaluator evaluator = new Evaluator(clock, interval -> Math.max(3 * interval, 3000));
    private final NodeTarget a = target("a");
    private final NodeTarget b = target("b");
    private final Rule stalled = new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 10, "critical", List.of("ops@x.example"));
    private final Rule unreachable = new NodeUnreachableRule(UUID.randomUUID(), ORG, CHAIN, 5, "critical", List.of("ops@x.example"));

    @BeforeEach
    void nodes() {
        evaluator.target(a);
        evaluator.target(b);
    }

    @Test
    void stallFiresAfterForSecondsOfPollTimeAndResolvesOnIncrease() {
        for (long h = 100; h < 105; h++) {        // rising: 100 at +1 s ... 104 at +5 s
            okBoth(h);
            assertThat(evaluate(stalled)).isEmpty();
        }
        long top = 104;
        for (int i = 0; i < 9; i++) {             // constant until +14 s: 9 s without increase, not yet
            okBoth(top);
            assertThat(evaluate(stalled)).as("second %d", i).isEmpty();
        }
        okBoth(top);                              // +15 s: 10 s since the first sample showing 104
        List<Transition> fire = evaluate(stalled);
        assertThat(fire).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.FIRING);
            assertThat(t.nodeId()).isNull();
            assertThat(t.snapshot().bestHeight()).isEqualTo((double) top);
            assertThat(t.snapshot().bestHeightSince().toEpochMilli()).isEqualTo(T0 + 5000);
            assertThat(t.conditionSince().toEpochMilli()).isEqualTo(T0 + 5000);
            assertThat(t.snapshot().chainName()).isEqualTo("chain");
            assertThat(t.snapshot().orgName()).isEqualTo("acme");
            assertThat(t.snapshot().nodes()).extracting(NodeView::nodeName).containsExactly("node-a", "node-b");
        });
        apply(fire);
        okBoth(top);
        assertThat(evaluate(stalled)).as("fires once").isEmpty();
        okBoth(top + 1);
        assertThat(evaluate(stalled)).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void stallDoesNotFireWhileNoNodeAnswers() {
        for (int i = 0; i < 11; i++) {
            okBoth(100);                          // stalled for 10 s by poll time ...
        }
        clock.advance(1000);
        evaluator.sample(failed(a, clock.millis()));
        evaluator.sample(failed(b, clock.millis()));
        assertThat(evaluate(stalled)).as("... but no node answers: the unreachable rule's business").isEmpty();
        clock.advance(1000);
        evaluator.sample(ok(a, clock.millis(), 100));
        assertThat(evaluate(stalled)).singleElement().satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.FIRING));
    }

    @Test
    void stallUsesTheFirstSampleShowingTheNewBestHeightAcrossNodes() {
        okBoth(100);
        clock.advance(1000);
        evaluator.sample(ok(a, clock.millis(), 101));  // a reaches 101 first: the increase time
        long increase = clock.millis();
        for (int i = 0; i < 9; i++) {
            clock.advance(1000);
            evaluator.sample(ok(a, clock.millis(), 101));
            evaluator.sample(ok(b, clock.millis(), 101)); // b catching up is no new increase
            assertThat(evaluate(stalled)).isEmpty();
        }
        clock.advance(1000);
        evaluator.sample(ok(b, clock.millis(), 101));
        assertThat(evaluate(stalled)).singleElement()
                .satisfies(t -> assertThat(t.snapshot().bestHeightSince().toEpochMilli()).isEqualTo(increase));
    }

    @Test
    void newBlocksBelowABestHeightHeldByANodeThatStoppedAnsweringAreNoStall() {
        long aHeight = 50;
        long bHeight = 90;
        for (int i = 0; i < 3; i++) {               // both produce blocks; b is ahead (another chain, or a reset a)
            clock.advance(1000);
            evaluator.sample(withHead(a, clock.millis(), ++aHeight, clock.millis()));
            evaluator.sample(withHead(b, clock.millis(), ++bHeight, clock.millis()));
        }
        for (int i = 0; i < 20; i++) {              // b stops answering; a keeps making blocks below b's last height
            clock.advance(1000);
            evaluator.sample(failed(b, clock.millis()));
            evaluator.sample(withHead(a, clock.millis(), ++aHeight, clock.millis()));
            assertThat(evaluate(stalled)).as("second %d: a shows new blocks", i).isEmpty();
        }
        long lastBlock = clock.millis();
        List<Transition> fire = List.of();
        for (int i = 0; i < 11 && fire.isEmpty(); i++) { // now a stops too: its head stays
            clock.advance(1000);
            evaluator.sample(failed(b, clock.millis()));
            evaluator.sample(withHead(a, clock.millis(), aHeight, lastBlock));
            fire = evaluate(stalled);
        }
        assertThat(fire).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.FIRING);
            assertThat(t.conditionSince().toEpochMilli()).isEqualTo(lastBlock);
            assertThat(t.summary()).contains("no node has shown a new block since");
        });
        assertThat(clock.millis() - lastBlock).isEqualTo(10_000);
        apply(fire);
        clock.advance(1000);                        // a's next block (still below b's last height) resolves
        evaluator.sample(withHead(a, clock.millis(), aHeight + 1, clock.millis()));
        assertThat(evaluate(stalled)).singleElement().satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void aNodeWhoseClockRunsAnHourAheadDoesNotHideAStall() {
        long ahead = 3_600_000;
        long head = clock.millis() + 1000 + ahead;
        for (int i = 0; i < 12; i++) {              // both stuck at 100; b stamps its blocks an hour in the future
            clock.advance(1000);
            evaluator.sample(withHead(a, clock.millis(), 100, T0 + 1000));
            evaluator.sample(withHead(b, clock.millis(), 100, head));
        }
        assertThat(evaluate(stalled)).singleElement().satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.FIRING));
    }

    @Test
    void aNodeSyncingOldBlocksDoesNotHideAStall() {
        long stalledAt = clock.millis() + 1000;
        for (int i = 0; i < 12; i++) {              // a, the tip, is stuck at 100; b syncs old blocks below it
            clock.advance(1000);
            evaluator.sample(withHead(a, clock.millis(), 100, stalledAt));
            evaluator.sample(withHead(b, clock.millis(), 60 + i, stalledAt - 40_000 + i * 1000L));
        }
        assertThat(evaluate(stalled)).singleElement().satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.FIRING));
    }

    @Test
    void restartKeepsAFiringStallUntilAnIncreaseIsSeen() {
        String fp = Fingerprints.of(stalled.id(), CHAIN, null);
        evaluator.loadFiring(List.of(new FiringAlert(fp, stalled.id(), CHAIN, null, clock.instant())));
        okBoth(100);                                   // first sample after the restart: a baseline
        assertThat(evaluate(stalled)).isEmpty();
        okBoth(100);
        assertThat(evaluate(stalled)).isEmpty();
        okBoth(101);
        assertThat(evaluate(stalled)).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(t.fingerprint()).isEqualTo(fp);
        });
    }

    @Test
    void failingPollsFireAfterForSecondsAndTheNextOkSampleResolves() {
        okBoth(1);
        for (int i = 0; i < 6; i++) {            // failures from +2 s to +7 s
            clock.advance(1000);
            evaluator.sample(failed(a, clock.millis()));
            evaluator.sample(ok(b, clock.millis(), 1));
            if (i < 5) {
                assertThat(evaluate(unreachable)).as("after %d s of failures", i).isEmpty();
            }
        }
        List<Transition> fire = evaluate(unreachable);
        assertThat(fire).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.FIRING);
            assertThat(t.nodeId()).isEqualTo(a.nodeId());
            assertThat(t.nodeName()).isEqualTo("node-a");
            assertThat(t.conditionSince().toEpochMilli()).isEqualTo(T0 + 2000);
            assertThat(t.snapshot().nodes()).singleElement().satisfies(n -> {
                assertThat(n.lastOutcome()).isEqualTo(PollOutcome.REFUSED);
                assertThat(n.lastError()).isEqualTo("connection refused");
                assertThat(n.height()).isEqualTo(1.0);
            });
        });
        apply(fire);
        clock.advance(1000);
        evaluator.sample(failed(a, clock.millis()));
        assertThat(evaluate(unreachable)).isEmpty();
        clock.advance(1000);
        evaluator.sample(ok(a, clock.millis(), 2));
        assertThat(evaluate(unreachable)).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void aNodeThatNeverSendsFiresAfterTheGraceCountedFromWhenItWasLearned() {
        clock.advance(4999);
        assertThat(evaluate(unreachable)).isEmpty();
        clock.advance(1);
        assertThat(evaluate(unreachable)).extracting(Transition::nodeName).containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    void silenceAfterOkSamplesFiresAfterMaxOfForSecondsAndFreshness() {
        Rule quick = new NodeUnreachableRule(UUID.randomUUID(), ORG, CHAIN, 1, "critical", List.of("o@x.example"));
        evaluator.sample(ok(a, clock.millis(), 5));
        evaluator.sample(ok(b, clock.millis(), 5));
        clock.advance(2999);
        assertThat(evaluate(quick)).as("recent sample: answering").isEmpty();
        clock.advance(1);
        assertThat(evaluate(quick)).hasSize(2);
    }

    @Test
    void restartKeepsAFiringUnreachableWithoutAnySampleYet() {
        String fp = Fingerprints.of(unreachable.id(), CHAIN, a.nodeId());
        evaluator.loadFiring(List.of(new FiringAlert(fp, unreachable.id(), CHAIN, a.nodeId(), clock.instant())));
        evaluator.sample(ok(b, clock.millis(), 5));
        assertThat(evaluate(unreachable)).isEmpty();
        clock.advance(1000);
        evaluator.sample(ok(a, clock.millis(), 5));
        assertThat(evaluate(unreachable)).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void deletedNodeClosesItsAlertsAndIgnoresLateSamples() {
        String fp = Fingerprints.of(unreachable.id(), CHAIN, a.nodeId());
        evaluator.loadFiring(List.of(new FiringAlert(fp, unreachable.id(), CHAIN, a.nodeId(), clock.instant())));
        assertThat(evaluator.removeNode(a.nodeId())).containsExactly(fp);
        assertThat(evaluator.isFiring(fp)).isFalse();
        evaluator.sample(failed(a, clock.millis()));
        clock.advance(60_000);
        assertThat(evaluate(unreachable)).extracting(Transition::nodeName).containsExactly("node-b");
    }

    @Test
    void rulesOfAnotherOrganizationOrChainsOwnedElsewhereDoNothing() {
        Rule otherOrg = new NodeUnreachableRule(UUID.randomUUID(), UUID.randomUUID(), CHAIN, 1, "critical",
                List.of("o@x.example"));
        clock.advance(60_000);
        assertThat(evaluator.evaluate(List.of(otherOrg), c -> true)).isEmpty();
        assertThat(evaluator.evaluate(List.of(unreachable), c -> false)).isEmpty();
        assertThat(evaluator.evaluate(List.of(unreachable), c -> true)).hasSize(2);
    }

    @Test
    void alertsListNodesByTheirCurrentNameAndFollowANodeMovedToAnotherChain() {
        clock.advance(60_000);
        assertThat(evaluate(unreachable)).extracting(Transition::nodeName).containsExactly("node-a", "node-b");
        // renamed in the registry: the order follows the new name
        evaluator.target(new NodeTarget(a.nodeId(), "node-z", ORG, "acme", CHAIN, "chain",
                "ETHEREUM", "http://127.0.0.1:1", 1000, 2, null, null, null));
        assertThat(evaluator.evaluate(List.of(stalledNever()), c -> true)).isEmpty();
        Rule fresh = new NodeUnreachableRule(UUID.randomUUID(), ORG, CHAIN, 5, "critical", List.of("ops@x.example"));
        assertThat(evaluator.evaluate(List.of(fresh), c -> true)).extracting(Transition::nodeName)
                .containsExactly("node-b", "node-z");
        // moved to another chain: no longer one of this chain's nodes, with the same fingerprints as ever
        UUID other = UUID.randomUUID();
        evaluator.target(new NodeTarget(a.nodeId(), "node-z", ORG, "acme", other, "chain-2",
                "ETHEREUM", "http://127.0.0.1:1", 1000, 3, null, null, null));
        Rule onOther = new NodeUnreachableRule(UUID.randomUUID(), ORG, other, 5, "critical", List.of("ops@x.example"));
        Rule again = new NodeUnreachableRule(UUID.randomUUID(), ORG, CHAIN, 5, "critical", List.of("ops@x.example"));
        assertThat(evaluator.evaluate(List.of(again), c -> true)).extracting(Transition::nodeName)
                .containsExactly("node-b");
        assertThat(evaluator.evaluate(List.of(onOther), c -> true)).singleElement().satisfies(t -> {
            assertThat(t.nodeName()).isEqualTo("node-z");
            assertThat(t.fingerprint()).isEqualTo(Fingerprints.of(onOther.id(), other, a.nodeId()));
        });
    }

    private Rule stalledNever() {
        return new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 3600, "critical", List.of("ops@x.example"));
    }

    @Test
    void fingerprintsAreStable() {
        UUID rule = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID chain = UUID.fromString("00000000-0000-0000-0000-0000000000c0");
        UUID node = UUID.fromString("00000000-0000-0000-0000-0000000000a0");
        // the hash of the ids' text, as when the engine kept ids as text: alerts stored before keep their keys
        assertThat(Fingerprints.of(rule, chain, node)).isEqualTo("fa45ee95bd3adf0cf171c1e33495ea18")
                .isEqualTo(Fingerprints.of(rule, chain, node)).isNotEqualTo(Fingerprints.of(rule, chain, null));
    }

    private void okBoth(long height) {
        clock.advance(1000);
        evaluator.sample(ok(a, clock.millis(), height));
        evaluator.sample(ok(b, clock.millis(), height));
    }

    private List<Transition> evaluate(Rule rule) {
        return evaluator.evaluate(List.of(rule), c -> true);
    }

    private void apply(List<Transition> transitions) {
        transitions.forEach(evaluator::applied);
    }

    private static NodeTarget target(String name) {
        return new NodeTarget(UUID.randomUUID(), "node-" + name, ORG, "acme", CHAIN,
                "chain", "ETHEREUM", "http://127.0.0.1:1", 1000, 1, null, null, null);
    }

    private static NodeSample ok(NodeTarget t, long at, long height) {
        return new NodeSample(t.nodeId(), t.chainId(), t.orgId(), at, PollOutcome.OK, null,
                Map.of(Readings.BLOCK_HEIGHT, (double) height, Readings.HEAD_AGE_SECONDS, 2.0), Map.of(), List.of(), null);
    }

    /** An OK sample whose head block carries its own timestamp {@code headMs} (in whole seconds, as blocks do). */
    private static NodeSample withHead(NodeTarget t, long at, long height, long headMs) {
        return new NodeSample(t.nodeId(), t.chainId(), t.orgId(), at, PollOutcome.OK, null,
                Map.of(Readings.BLOCK_HEIGHT, (double) height, Readings.HEAD_TIMESTAMP_SECONDS, (double) (headMs / 1000)),
                Map.of(), List.of(), null);
    }

    private static NodeSample failed(NodeTarget t, long at) {
        return new NodeSample(t.nodeId(), t.chainId(), t.orgId(), at, PollOutcome.REFUSED, "connection refused",
                Map.of(), Map.of(), List.of(), null);
    }
}
