package io.chainwatch.alert.rule.chainstalled;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.chainwatch.alert.evaluate.ChainFacts;
import io.chainwatch.alert.evaluate.Engine;
import io.chainwatch.alert.evaluate.Evaluator;
import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.PollRequest;
import io.chainwatch.events.Readings;
import org.junit.jupiter.api.Test;

import static io.chainwatch.alert.evaluate.Engine.CHAIN;
import static io.chainwatch.alert.evaluate.Engine.ORG;
import static io.chainwatch.alert.evaluate.Engine.T0;
import static io.chainwatch.alert.evaluate.Engine.TO;
import static io.chainwatch.alert.evaluate.Engine.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** chain_stalled on a hand-moved clock: event time, deadlines confirmed by an immediate poll, Fabric channels. */
class ChainStalledConditionTest {

    private final Engine engine = new Engine();
    private final ChainStalledRule stalled10 = new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 10, "critical", TO);

    /** Blocks 1..5 made at T0 + k s; polled 600 ms after each block (a poll phase of 600 ms). */
    private NodeTarget chainThatStopsAtFive() {
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        for (int k = 1; k <= 5; k++) {
            engine.clock.advance(T0 + k * 1000L + 600 - engine.now());
            engine.sample(ok(a, engine.now()).height(k).headAt(T0 + k * 1000L).build());
            assertThat(engine.evaluate(stalled10)).isEmpty();
        }
        for (int k = 6; k <= 14; k++) {              // no block after 5: polls keep showing it
            engine.clock.advance(1000);
            engine.sample(ok(a, engine.now()).height(5).headAt(T0 + 5000).build());
            assertThat(engine.evaluate(stalled10)).as("at +%d.6 s", k).isEmpty();
        }
        return a;
    }

    @Test
    void theDeadlineIsTheHeadsOwnTimePlusForSecondsAndAFreshPollConfirmsIt() {
        NodeTarget a = chainThatStopsAtFive();
        assertThat(engine.evaluator.nextWakeMs()).as("a timer at the deadline, not a tick").isEqualTo(T0 + 15_000);
        engine.clock.advance(T0 + 15_000 - engine.now());  // the deadline; newest sample is 400 ms old
        assertThat(engine.evaluate(stalled10)).as("not before a poll after the deadline").isEmpty();
        List<PollRequest> asked = engine.evaluator.drainPollRequests();
        assertThat(asked).singleElement().satisfies(r -> {
            assertThat(r.chainId()).isEqualTo(CHAIN);
            assertThat(r.nodeIds()).isEmpty();
            assertThat(r.reason()).contains("chain_stalled");
        });
        assertThat(engine.evaluator.pending()).hasSize(1);
        engine.clock.advance(40);                          // the collector's answer, polled at once
        engine.sample(ok(a, engine.now()).height(5).headAt(T0 + 5000).build());
        assertThat(engine.evaluate(stalled10)).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.FIRING);
            assertThat(t.at().toEpochMilli()).isEqualTo(T0 + 15_040);
            assertThat(t.conditionSince().toEpochMilli()).as("the block's time, not the poll's").isEqualTo(T0 + 5000);
            assertThat(t.snapshot().bestHeightSince().toEpochMilli()).isEqualTo(T0 + 5000);
        });
        assertThat(engine.evaluator.drainPollRequests()).as("asked once").isEmpty();
    }

    /**
     * Two nodes of a chain with a block a second, polled 300 ms and 800 ms after each block: the second poll shows no
     * new block, but the chain is not stalled, so nothing is pending. When blocks stop, the stall is pending once half
     * of forSeconds (5 s) has passed since the last block's time, and fires at forSeconds.
     */
    @Test
    void aChainBetweenTwoBlocksIsNotPendingAStoppedOneIsFromHalfOfForSeconds() {
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        NodeTarget b = engine.node("node-b", "ETHEREUM", 1000);
        for (int k = 1; k <= 15; k++) {
            long height = Math.min(k, 5);               // no block after the fifth
            long head = T0 + height * 1000L;
            for (long phase : new long[] {300, 800}) {
                engine.clock.advance(T0 + k * 1000L + phase - engine.now());
                engine.sample(ok(phase == 300 ? a : b, engine.now()).height(height).headAt(head).build());
                List<Transition> fired = engine.evaluate(stalled10);
                long sinceLastBlock = engine.now() - (T0 + 5000);
                if (k <= 5 || sinceLastBlock < 5000) {
                    assertThat(engine.evaluator.pending()).as("at +%d.%d s", k, phase / 100).isEmpty();
                } else if (sinceLastBlock < 10_000) {
                    assertThat(engine.evaluator.pending().values()).as("at +%d.%d s", k, phase / 100)
                            .containsExactly(T0 + 5000);
                } else if (!fired.isEmpty()) {
                    assertThat(fired).singleElement().satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.FIRING));
                    return;
                }
            }
        }
        throw new AssertionError("the stall did not fire");
    }

    @Test
    void aFreshPollShowingANewBlockPreventsTheFire() {
        NodeTarget a = chainThatStopsAtFive();
        engine.clock.advance(T0 + 15_000 - engine.now());
        assertThat(engine.evaluate(stalled10)).isEmpty();
        engine.clock.advance(40);
        engine.sample(ok(a, engine.now()).height(6).headAt(T0 + 15_000).build()); // a block at the last moment
        assertThat(engine.evaluate(stalled10)).isEmpty();
        assertThat(engine.evaluator.pending()).as("no sample since the new block: nothing pending").isEmpty();
        engine.clock.advance(5000);
        assertThat(engine.evaluate(stalled10)).as("nor after the confirmation wait").isEmpty();
    }

    @Test
    void withoutAnAnswerItAsksAgainAndDecidesOnTheNextRegularPollNeverOnOlderData() {
        NodeTarget a = chainThatStopsAtFive();
        engine.clock.advance(T0 + 15_000 - engine.now());
        assertThat(engine.evaluate(stalled10)).isEmpty();
        assertThat(engine.evaluator.drainPollRequests()).hasSize(1);
        assertThat(engine.evaluator.nextWakeMs()).isEqualTo(T0 + 16_500);
        engine.clock.advance(1500);
        assertThat(engine.evaluate(stalled10)).as("no data newer than the deadline: no fire").isEmpty();
        assertThat(engine.evaluator.drainPollRequests()).as("asked again").singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("again"));
        engine.clock.advance(T0 + 15_600 + 1000 - engine.now());   // the next regular poll (phase 600 ms)
        engine.sample(ok(a, T0 + 15_600).height(5).headAt(T0 + 5000).build());
        assertThat(engine.evaluate(stalled10)).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.FIRING));
    }

    @Test
    void theFirstSampleShowingANewBlockResolvesEvenWhenTheBlockIsOlderThanForSeconds() {
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        ChainStalledRule quick = new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 1, "critical", TO);
        engine.advance(1000);
        engine.sample(ok(a, engine.now()).height(1).headAt(engine.now()).build());
        assertThat(engine.evaluate(quick)).isEmpty();
        engine.advance(2000);
        engine.sample(ok(a, engine.now()).height(1).headAt(engine.now() - 2000).build());
        assertThat(engine.evaluate(quick)).singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.FIRING));
        engine.advance(1000);
        long polled = engine.now();
        engine.sample(ok(a, polled).height(2).headAt(polled - 2500).build()); // seen 2.5 s after it was made
        assertThat(engine.evaluate(quick)).as("resolved on arrival").singleElement()
                .satisfies(t -> assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED));
    }

    @Test
    void headTimestampsOfAWrongClockAreBoundedByThePollWindow() {
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        NodeTarget b = engine.node("node-b", "ETHEREUM", 1000);
        engine.advance(1000);
        engine.sample(ok(a, engine.now()).height(1).headAt(engine.now()).build());
        engine.advance(1000);
        long polled = engine.now();
        engine.sample(ok(b, polled).height(2).headAt(polled + 3_600_000).build()); // an hour in the future
        engine.advance(10_000);
        engine.sample(ok(b, engine.now()).height(2).headAt(polled + 3_600_000).build());
        assertThat(engine.evaluate(stalled10)).singleElement().satisfies(t -> assertThat(
                t.conditionSince().toEpochMilli()).as("future: counted from the poll").isEqualTo(polled));

        Engine other = new Engine();
        NodeTarget c = other.node("node-c", "ETHEREUM", 1000);
        other.advance(1000);
        other.sample(ok(c, other.now()).height(1).headAt(other.now()).build());
        other.advance(1000);
        long seen = other.now();
        other.sample(ok(c, seen).height(2).headAt(seen - 600_000).build()); // a clock ten minutes behind
        other.advance(5000);
        other.sample(ok(c, other.now()).height(2).headAt(seen - 600_000).build());
        assertThat(other.evaluate(stalled10)).as("not fired at once by a clock behind").isEmpty();
        assertThat(other.evaluator.pending().values()).singleElement().satisfies(since -> assertThat(since)
                .as("at most one poll interval + tolerance before the poll").isGreaterThanOrEqualTo(seen - 1000 - 2000));
    }

    /**
     * A healthy chain with a block every second (anvil's interval mining: whole-second timestamps, made up to 80 ms
     * late), polled every second at a random phase with 0–300 ms latency, one poll in 50 lost, evaluated on every
     * sample, at every deadline and every 250 ms — over one hour of chain time: never a fire.
     */
    @Test
    void aHealthyOneSecondChainNeverFiresOverAnHour() {
        Random random = new Random(42);
        NodeTarget a = engine.node("node-a", "ETHEREUM", 1000);
        NodeTarget b = engine.node("node-b", "ETHEREUM", 1000);
        ChainStalledRule tight = new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 3, "critical", TO);
        List<Transition> fired = new ArrayList<>();
        long end = T0 + 3_600_000;
        long[] phase = {random.nextInt(1000), random.nextInt(1000)};
        NodeTarget[] nodes = {a, b};
        long nextTick = T0;
        long[] nextPoll = {T0 + phase[0], T0 + phase[1]};
        while (engine.now() < end) {
            long wake = Math.min(Math.min(nextPoll[0], nextPoll[1]), Math.min(nextTick, engine.evaluator.nextWakeMs()));
            engine.clock.advance(Math.max(1, wake - engine.now()));
            long now = engine.now();
            for (int i = 0; i < 2; i++) {
                if (now >= nextPoll[i]) {
                    long polled = nextPoll[i];
                    nextPoll[i] += 1000;
                    if (random.nextInt(50) == 0) {
                        continue; // a lost poll
                    }
                    long madeLate = random.nextInt(80);
                    long head = (polled - madeLate) / 1000 * 1000; // the block the poll sees
                    long latency = random.nextInt(300);
                    engine.clock.advance(latency);
                    engine.sample(ok(nodes[i], polled).height((head - T0) / 1000).headAt(head).build());
                    fired.addAll(engine.evaluate(stalled10));
                    fired.addAll(engine.evaluate(tight));
                }
            }
            if (now >= nextTick) {
                nextTick += 250;
            }
            fired.addAll(engine.evaluate(stalled10));
            fired.addAll(engine.evaluate(tight));
            engine.evaluator.drainPollRequests();
        }
        assertThat(fired).as("false fires on a healthy chain").isEmpty();
    }

    @Test
    void fabricPendingTransactionsModeIsPerChannelSubmittedButNotCommitted() {
        NodeTarget peer = engine.node("peer0", "FABRIC", 1000);
        ChainStalledRule pending = new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 5, "critical", TO,
                ChainStalledRule.MODE_PENDING_TRANSACTIONS, null);
        ChainStalledRule always = new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 5, "critical", TO,
                ChainStalledRule.MODE_ALWAYS, null);
        List<Transition> pendingFired = new ArrayList<>();
        List<Transition> alwaysFired = new ArrayList<>();
        for (int s = 1; s <= 12; s++) {
            engine.advance(1000);
            long now = engine.now();
            // the peer's own sample: operations readings, no height
            engine.sample(ok(peer, now).reading(Readings.HEALTH_OK, 1).reading("metric.endorser_proposals_received", s)
                    .build());
            // channel "busy": transactions submitted from the 3rd sample on, never committed
            engine.sample(ok(peer, now).channel("busy").height(100).reading(Readings.FABRIC_BLOCKS, 0)
                    .reading(Evaluator.FABRIC_TX_SUBMITTED, s >= 3 ? 2 : 0).build());
            // channel "idle": nothing submitted, nothing committed
            engine.sample(ok(peer, now).channel("idle").height(7).reading(Readings.FABRIC_BLOCKS, 0)
                    .reading(Evaluator.FABRIC_TX_SUBMITTED, 0).build());
            pendingFired.addAll(engine.evaluate(pending));
            alwaysFired.addAll(engine.evaluate(always));
        }
        assertThat(pendingFired).singleElement().satisfies(t -> {
            assertThat(t.snapshot().channel()).isEqualTo("busy");
            assertThat(t.summary()).contains("chain / busy", "best height 100", "transactions pending since");
            assertThat(t.conditionSince().toEpochMilli()).isEqualTo(T0 + 3000);
        });
        assertThat(alwaysFired).as("always: each idle channel on its own")
                .extracting(t -> t.snapshot().channel()).containsExactlyInAnyOrder("busy", "idle");

        engine.advance(1000);
        engine.sample(ok(peer, engine.now()).channel("busy").height(101).reading(Readings.FABRIC_BLOCKS, 1)
                .reading(Evaluator.FABRIC_TX_SUBMITTED, 0).build());
        assertThat(engine.evaluate(pending)).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(t.snapshot().channel()).isEqualTo("busy");
        });
    }

    @Test
    void pendingModeSaysPlainlyWhenNoNodeOffersPendingTransactions() {
        ChainStalledRule pending = new ChainStalledRule(UUID.randomUUID(), ORG, CHAIN, 5, "critical", TO,
                ChainStalledRule.MODE_PENDING_TRANSACTIONS, null);
        NodeTarget hardhat = engine.node("hardhat", "ETHEREUM", 1000);
        ChainStalledCondition condition = new ChainStalledCondition();
        assertThat(condition.notes(pending, new ChainFacts(CHAIN, List.of())))
                .singleElement().asString().contains("not known");
        engine.advance(1000);
        engine.sample(ok(hardhat, engine.now()).height(3).unsupported(Readings.TXPOOL_PENDING).build());
        assertThat(condition.notes(pending, engine.evaluator.facts(CHAIN, ORG)))
                .singleElement().asString().contains("none of the nodes", "can never fire");
        NodeTarget ganache = engine.node("ganache", "ETHEREUM", 1000);
        engine.sample(ok(ganache, engine.now()).height(3).reading(Readings.TXPOOL_PENDING, 0)
                .info(Evaluator.PENDING_SOURCE, "pending_block").build());
        assertThat(condition.notes(pending, engine.evaluator.facts(CHAIN, ORG))).isEmpty();
        assertThat(condition.notes(stalled10, engine.evaluator.facts(CHAIN, ORG))).isEmpty();
        engine.sample(Engine.failed(ganache, engine.now() + 1, PollOutcome.TIMEOUT, "timeout"));
    }
}
