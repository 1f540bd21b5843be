package io.chainwatch.benchmarks.collector;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.chainwatch.collector.poll.SampleListener;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;

/** Counts samples by outcome. */
final class CountingListener implements SampleListener {

    private final Map<PollOutcome, LongAdder> byOutcome = new EnumMap<>(PollOutcome.class);
    private final Map<PollOutcome, String> firstError = new java.util.concurrent.ConcurrentHashMap<>();

    CountingListener() {
        for (PollOutcome outcome : PollOutcome.values()) {
            byOutcome.put(outcome, new LongAdder());
        }
    }

    @Override
    public void onSample(NodeTarget target, NodeSample sample) {
        byOutcome.get(sample.outcome()).increment();
        if (sample.error() != null) {
            firstError.putIfAbsent(sample.outcome(), sample.error());
        }
    }

    @Override
    public void onNodeRemoved(NodeTarget target) {
    }

    long count(PollOutcome outcome) {
        return byOutcome.get(outcome).sum();
    }

    long total() {
        return byOutcome.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public String toString() {
        return byOutcome + (firstError.isEmpty() ? "" : " first errors: " + firstError);
    }
}
