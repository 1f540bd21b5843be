package io.chainwatch.collector.publish;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

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

    /** Gauge name → the sample reading it shows (null: derived, up and last reorg depth). */
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
        GAUGES.put(MetricNames.NODE_BLOCK_TX_COUNT, Readings.BLOCK_TX_COUNT);
        GAUGES.put(MetricNames.NODE_BLOCK_GAS_USED, Readings.BLOCK_GAS_USED);
        GAUGES.put(MetricNames.NODE_BLOCK_GAS_LIMIT, Readings.BLOCK_GAS_LIMIT);
        GAUGES.put(MetricNames.NODE_BASE_FEE_WEI, Readings.BASE_FEE_WEI);
        GAUGES.put(MetricNames.NODE_GAS_PRICE_WEI, Readings.GAS_PRICE_WEI);
        GAUGES.put(MetricNames.NODE_BLOCK_INTERVAL_SECONDS, Readings.BLOCK_INTERVAL_SECONDS);
        GAUGES.put(MetricNames.NODE_TPS, Readings.TPS);
        GAUGES.put(MetricNames.NODE_LAST_REORG_DEPTH, null);
    }

    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Map<PollOutcome, Counter> polls = new EnumMap<>(PollOutcome.class);
    private final Map<String, NodeGauges> byNode = new ConcurrentHashMap<>();
    /** Fabric: node id → channel → that channel's meters. */
    private final Map<String, Map<String, ChannelMeters>> byChannel = new ConcurrentHashMap<>();

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
        if (sample.channel() != null) {
            onChannelSample(target, sample);
            return;
        }
        polls.get(sample.outcome()).increment();
        NodeGauges known = byNode.get(target.nodeId());
        if (known != null && known.target == target) {
            // the usual case: the same target as the previous sample (the scheduler's), so the same tags
            known.update(sample);
            return;
        }
        Tags tags = tags(target);
        NodeGauges gauges = byNode.compute(target.nodeId(), (id, existing) -> {
            if (existing != null && existing.tags.equals(tags)) {
                existing.target = target;
                return existing;
            }
            if (existing != null) {
                existing.remove(registry);
            }
            return new NodeGauges(target, tags, registry);
        });
        gauges.update(sample);
    }

    private void onChannelSample(NodeTarget target, NodeSample sample) {
        Tags tags = tags(target).and(MetricNames.TAG_CHANNEL, sample.channel());
        Map<String, ChannelMeters> channels = byChannel.computeIfAbsent(target.nodeId(), id -> new ConcurrentHashMap<>());
        ChannelMeters meters = channels.compute(sample.channel(), (channel, existing) -> {
            if (existing != null && existing.tags.equals(tags)) {
                return existing;
            }
            if (existing != null) {
                existing.remove(registry);
            }
            return new ChannelMeters(tags, registry);
        });
        meters.update(sample);
    }

    @Override
    public void onNodeRemoved(NodeTarget target) {
        byNode.computeIfPresent(target.nodeId(), (id, gauges) -> {
            gauges.remove(registry);
            return null;
        });
        Map<String, ChannelMeters> channels = byChannel.remove(target.nodeId());
        if (channels != null) {
            channels.values().forEach(meters -> meters.remove(registry));
        }
    }

    /** One Fabric channel's gauges and counters on one peer. */
    private static final class ChannelMeters {
        final Tags tags;
        final Map<String, Double> values = new ConcurrentHashMap<>();
        final List<Meter> meters = new ArrayList<>();
        final Counter blocks;
        final Counter valid;
        final Counter invalid;

        ChannelMeters(Tags tags, MeterRegistry registry) {
            this.tags = tags;
            for (String name : List.of(MetricNames.FABRIC_CHANNEL_UP, MetricNames.FABRIC_CHANNEL_HEIGHT,
                    MetricNames.FABRIC_CHANNEL_COMMIT_INTERVAL_SECONDS)) {
                meters.add(Gauge.builder(name, values, v -> v.getOrDefault(name, Double.NaN))
                        .tags(tags).strongReference(true).register(registry));
            }
            blocks = Counter.builder(MetricNames.FABRIC_CHANNEL_BLOCKS).description("Blocks delivered on the channel")
                    .tags(tags).register(registry);
            valid = Counter.builder(MetricNames.FABRIC_CHANNEL_TRANSACTIONS)
                    .description("Transactions in the blocks delivered, by validation result")
                    .tags(tags).tag(MetricNames.TAG_RESULT, "valid").register(registry);
            invalid = Counter.builder(MetricNames.FABRIC_CHANNEL_TRANSACTIONS)
                    .description("Transactions in the blocks delivered, by validation result")
                    .tags(tags).tag(MetricNames.TAG_RESULT, "invalid").register(registry);
            meters.addAll(List.of(blocks, valid, invalid));
        }

        void update(NodeSample sample) {
            values.put(MetricNames.FABRIC_CHANNEL_UP, sample.up() ? 1.0 : 0.0);
            Double height = sample.reading(Readings.BLOCK_HEIGHT);
            values.put(MetricNames.FABRIC_CHANNEL_HEIGHT, height == null ? Double.NaN : height);
            Double interval = sample.reading(Readings.FABRIC_COMMIT_INTERVAL_SECONDS);
            if (interval != null) {
                values.put(MetricNames.FABRIC_CHANNEL_COMMIT_INTERVAL_SECONDS, interval);
            }
            blocks.increment(sample.readings().getOrDefault(Readings.FABRIC_BLOCKS, 0.0));
            valid.increment(sample.readings().getOrDefault(Readings.FABRIC_TX_VALID, 0.0));
            invalid.increment(sample.readings().getOrDefault(Readings.FABRIC_TX_INVALID, 0.0));
        }

        void remove(MeterRegistry registry) {
            meters.forEach(registry::remove);
            meters.clear();
        }
    }

    private static Tags tags(NodeTarget target) {
        return Tags.of(
                MetricNames.TAG_ORG, Objects.requireNonNullElse(target.orgName(), UNKNOWN),
                MetricNames.TAG_CHAIN, Objects.requireNonNullElse(target.chainName(), UNKNOWN),
                MetricNames.TAG_NODE, Objects.requireNonNullElse(target.nodeName(), UNKNOWN),
                MetricNames.TAG_NODE_ID, target.nodeId());
    }

    /** Gauge names and the readings they show, in the order of {@link #GAUGES}, as arrays (indexed by gauge). */
    private static final String[] GAUGE_NAMES = GAUGES.keySet().toArray(String[]::new);
    private static final String[] GAUGE_READINGS = GAUGES.values().toArray(String[]::new);
    private static final int UP = List.of(GAUGE_NAMES).indexOf(MetricNames.NODE_UP);
    private static final int LAST_REORG_DEPTH = List.of(GAUGE_NAMES).indexOf(MetricNames.NODE_LAST_REORG_DEPTH);

    /**
     * One node's gauges and the values they show: one slot per gauge (the bits of a double, so that a scrape on
     * another thread sees the latest), written by the node's samples, which never overlap.
     */
    private static final class NodeGauges {
        final Tags tags;
        /** The target of the latest sample: while it is the same object, its tags are the same. */
        volatile NodeTarget target;
        final AtomicLongArray values = new AtomicLongArray(GAUGE_NAMES.length);
        final List<Meter> meters = new ArrayList<>();
        final Counter reorgs;

        NodeGauges(NodeTarget target, Tags tags, MeterRegistry registry) {
            this.target = target;
            this.tags = tags;
            for (int i = 0; i < GAUGE_NAMES.length; i++) {
                set(i, Double.NaN);
            }
            set(LAST_REORG_DEPTH, 0.0);
            reorgs = Counter.builder(MetricNames.NODE_REORGS)
                    .description("Chain reorganizations seen on the node")
                    .tags(tags)
                    .register(registry);
            meters.add(reorgs);
            for (int i = 0; i < GAUGE_NAMES.length; i++) {
                int slot = i;
                meters.add(Gauge.builder(GAUGE_NAMES[i], values, v -> Double.longBitsToDouble(v.get(slot)))
                        .tags(tags)
                        .strongReference(true)
                        .register(registry));
            }
        }

        private void set(int slot, double value) {
            values.set(slot, Double.doubleToRawLongBits(value));
        }

        void update(NodeSample sample) {
            set(UP, sample.up() ? 1.0 : 0.0);
            Double reorgCount = sample.reading(Readings.REORG_COUNT);
            if (reorgCount != null && reorgCount > 0) {
                reorgs.increment(reorgCount);
                Double depth = sample.reading(Readings.REORG_DEPTH);
                set(LAST_REORG_DEPTH, depth == null ? Double.NaN : depth);
            }
            for (int i = 0; i < GAUGE_READINGS.length; i++) {
                String reading = GAUGE_READINGS[i];
                if (reading != null) {
                    Double value = sample.reading(reading);
                    set(i, value == null ? Double.NaN : value);
                }
            }
        }

        void remove(MeterRegistry registry) {
            meters.forEach(registry::remove);
            meters.clear();
        }
    }
}
