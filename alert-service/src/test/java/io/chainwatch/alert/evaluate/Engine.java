package io.chainwatch.alert.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;

/**
 * The engine on a hand-moved clock for the condition tests of each rule type ({@code rule/<type>/}): targets, hand-made
 * samples, evaluation that applies what it returns (as the service does after recording).
 */
public final class Engine {

    public static final UUID ORG = UUID.fromString("11111111-1111-1111-1111-111111111111");
    public static final UUID CHAIN = UUID.fromString("22222222-2222-2222-2222-222222222222");
    public static final long T0 = 1_800_000_000_000L;
    public static final List<String> TO = List.of("ops@x.example");

    public final MutableClock clock = new MutableClock(T0);
    public final Evaluator evaluator = new Evaluator(clock, interval -> Math.max(3 * interval, 3000));

    public NodeTarget node(String name, String platform, long pollIntervalMs) {
        NodeTarget t = new NodeTarget(UUID.randomUUID(), name, ORG, "acme", CHAIN,
                "chain", platform, "http://127.0.0.1:1", pollIntervalMs, 1, null, null, null);
        evaluator.target(t);
        return t;
    }

    public long now() {
        return clock.millis();
    }

    public void advance(long ms) {
        clock.advance(ms);
    }

    /** Evaluates one rule over every chain, applies and returns the transitions. */
    public List<Transition> evaluate(Rule rule) {
        List<Transition> out = evaluator.evaluate(List.of(rule), c -> true);
        out.forEach(evaluator::applied);
        return out;
    }

    public void sample(NodeSample s) {
        evaluator.sample(s);
    }

    /** An OK sample polled now. */
    public static Builder ok(NodeTarget t, long polledAtMs) {
        return new Builder(t, polledAtMs, PollOutcome.OK, null);
    }

    public static NodeSample failed(NodeTarget t, long polledAtMs, PollOutcome outcome, String error) {
        return new Builder(t, polledAtMs, outcome, error).build();
    }

    /** Builds one sample. */
    public static final class Builder {
        private final NodeTarget t;
        private final long at;
        private final PollOutcome outcome;
        private final String error;
        private final Map<String, Double> readings = new HashMap<>();
        private final Map<String, String> info = new HashMap<>();
        private final List<String> unsupported = new ArrayList<>();
        private String channel;

        Builder(NodeTarget t, long at, PollOutcome outcome, String error) {
            this.t = t;
            this.at = at;
            this.outcome = outcome;
            this.error = error;
        }

        public Builder height(long h) {
            readings.put(Readings.BLOCK_HEIGHT, (double) h);
            return this;
        }

        /** The head block's own timestamp, epoch ms (sent in whole seconds, as blocks carry it). */
        public Builder headAt(long ms) {
            readings.put(Readings.HEAD_TIMESTAMP_SECONDS, (double) (ms / 1000));
            return this;
        }

        public Builder hash(String hash) {
            info.put(Readings.HEAD_HASH, hash);
            return this;
        }

        public Builder reading(String name, double value) {
            readings.put(name, value);
            return this;
        }

        public Builder info(String name, String value) {
            info.put(name, value);
            return this;
        }

        public Builder unsupported(String name) {
            unsupported.add(name);
            return this;
        }

        public Builder channel(String c) {
            this.channel = c;
            return this;
        }

        public NodeSample build() {
            return new NodeSample(t.nodeId(), t.chainId(), t.orgId(), at, outcome, error, readings, info, unsupported,
                    channel);
        }
    }
}
