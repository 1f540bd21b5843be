package io.chainwatch.collector.publish;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.chainwatch.collector.poll.SampleListener;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.stereotype.Component;

/**
 * Per-node gauges from each node's latest sample, and the poll counter. A node's gauges appear with its first
 * sample and are removed when the node goes away (or re-registered when its names change).
 */
@Component
public class NodeMetrics implements SampleListener {

    /** Gauge name → the sample reading it shows (up and syncing are derived). */
    private static final Map<String, String> GAUGES = new LinkedHashMap<>();

    static {
        GAUGES.put(MetricNames.NODE_UP, null);
        GAUGES.put(MetricNames.NODE_BLOCK_HEIGHT, Readings.BLOCK_HEIGHT);
        GAUGES.put(MetricNames.NODE_HEAD_AGE_SECONDS, Readings.HEAD_AGE_SECONDS);
        GAUGES.put(MetricNames.NODE_RPC_LATENCY_MS, Readings.RPC_LATENCY_MS);
        GAUGES.put(MetricNames.NODE_TXPOOL_PENDING, Readings.TXPOOL_PENDING);
        GAUGES.put(MetricNames.NODE_TXPOOL_QUEUED, Readings.TXPOOL_QUEUED);
        GAUGES.put(MetricNames.NODE_PEER_COUNT, Readings.PEER_COUNT);
        GAUGES.put(MetricNames.NODE_SYNCING, Readings.SYNCING);
    }

    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Map<PollOutcome, Counter> polls = new EnumMap<>(PollOutcome.class);
    private final Map<String, NodeGauges> byNode = new ConcurrentHashMap<>();

    public NodeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (PollOutcome outcome : PollOutcome.values()) {
            polls.put(outcome, Counter.builder(MetricNames.COLLECTOR_POLLS)
                    .description("Polls of nodes by this collector, by outcome")
                    .tag(MetricNames.TAG_OUTCOME, outcome.name())
                    .register(registry));
        }
    }

    @Override
    public void onSample(NodeTarget target, NodeSample sample) {
        polls.get(sample.outcome()).increment();
        Tags tags = tags(target);
        NodeGauges gauges = byNode.compute(target.nodeId(), (id, existing) -> {
            if (existing != null && existing.tags.equals(tags)) {
                return existing;
            }
            if (existing != null) {
                existing.remove(registry);
            }
            return new NodeGauges(tags, registry);
        });
        gauges.update(sample);
    }

    @Override
    public void onNodeRemoved(NodeTarget target) {
        byNode.computeIfPresent(target.nodeId(), (id, gauges) -> {
            gauges.remove(registry);
            return null;
        });
    }

    private static Tags tags(NodeTarget target) {
        return Tags.of(
                MetricNames.TAG_ORG, Objects.requireNonNullElse(target.orgName(), UNKNOWN),
                MetricNames.TAG_CHAIN, Objects.requireNonNullElse(target.chainName(), UNKNOWN),
                MetricNames.TAG_NODE, Objects.requireNonNullElse(target.nodeName(), UNKNOWN),
                MetricNames.TAG_NODE_ID, target.nodeId());
    }

    /** One node's gauges and the values they show. */
    private static final class NodeGauges {
        final Tags tags;
        final Map<String, Double> values = new ConcurrentHashMap<>();
        final List<Meter> meters = new ArrayList<>();

        NodeGauges(Tags tags, MeterRegistry registry) {
            this.tags = tags;
            for (String name : GAUGES.keySet()) {
                meters.add(Gauge.builder(name, values, v -> v.getOrDefault(name, Double.NaN))
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
            }
        }

        void update(NodeSample sample) {
            values.put(MetricNames.NODE_UP, sample.up() ? 1.0 : 0.0);
            GAUGES.forEach((name, reading) -> {
                if (reading != null) {
                    Double value = sample.reading(reading);
                    values.put(name, value == null ? Double.NaN : value);
                }
            });
        }

        void remove(MeterRegistry registry) {
            meters.forEach(registry::remove);
            meters.clear();
        }
    }
}
