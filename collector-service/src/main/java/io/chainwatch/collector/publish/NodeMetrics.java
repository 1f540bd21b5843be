package io.chainwatch.collector.publish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.chainwatch.collector.poll.SampleListener;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Per-node gauges from each node's latest sample, and the poll counter. A node's series appear with its first
 * sample and go away with the node. An edit of the node (a new version of its target) keeps them: its counters go on
 * (under the new labels when its names changed), only the series of a Fabric channel no longer watched go away.
 *
 * <p>The poll counter is a Micrometer meter. The per-node (and per Fabric channel) series are not: with thousands of
 * nodes, one Micrometer meter per node and series made a scrape slow. Their values are kept here, in one
 * {@link AtomicLongArray} per node and per channel, and {@link NodeSeriesCollector}, registered with the Prometheus
 * registry that {@code /actuator/prometheus} scrapes (the one under Micrometer's {@link PrometheusMeterRegistry}),
 * turns them into the same metric families, labels and values at scrape time.
 */
@Component
public class NodeMetrics implements SampleListener, DisposableBean {

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

    /** Gauge names and the readings they show, in the order of {@link #GAUGES}, as arrays (indexed by slot). */
    static final String[] GAUGE_NAMES = GAUGES.keySet().toArray(String[]::new);
    private static final String[] GAUGE_READINGS = GAUGES.values().toArray(String[]::new);
    private static final int UP = List.of(GAUGE_NAMES).indexOf(MetricNames.NODE_UP);
    private static final int LAST_REORG_DEPTH = List.of(GAUGE_NAMES).indexOf(MetricNames.NODE_LAST_REORG_DEPTH);
    /** The slot of the reorganizations counter, after the gauges'. */
    static final int REORGS = GAUGE_NAMES.length;

    /** A channel's slots: its gauges (in {@link #CHANNEL_GAUGE_NAMES} order), then its counters. */
    static final String[] CHANNEL_GAUGE_NAMES = {MetricNames.FABRIC_CHANNEL_UP, MetricNames.FABRIC_CHANNEL_HEIGHT,
            MetricNames.FABRIC_CHANNEL_COMMIT_INTERVAL_SECONDS};
    private static final int CHANNEL_UP = 0;
    private static final int CHANNEL_HEIGHT = 1;
    private static final int CHANNEL_COMMIT_INTERVAL = 2;
    static final int CHANNEL_BLOCKS = 3;
    static final int CHANNEL_VALID = 4;
    static final int CHANNEL_INVALID = 5;

    private final Map<PollOutcome, Counter> polls = new EnumMap<>(PollOutcome.class);
    private final MeterRegistry registry;
    /**
     * Node id → its height-regression and chain-reset counters: Micrometer meters made at a node's first such event
     * (rare, so few nodes have them), removed with the node.
     */
    private final Map<UUID, Counter[]> chainEvents = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Map<UUID, NodeSeries> byNode = new ConcurrentHashMap<>();
    /** Fabric: node id → channel → that channel's series. */
    private final Map<UUID, Map<String, ChannelSeries>> byChannel = new ConcurrentHashMap<>();
    /** Counts changes of the set of series (added, removed, relabelled), after each: a scrape reuses its order. */
    private final AtomicLong changes = new AtomicLong();
    private final PrometheusRegistry prometheus;
    private final NodeSeriesCollector collector = new NodeSeriesCollector(this);

    /**
     * The service's: the per-node series are scraped from the Prometheus registry the actuator's
     * {@code /actuator/prometheus} endpoint scrapes (none when Prometheus export is off).
     */
    @Autowired
    public NodeMetrics(MeterRegistry registry, ObjectProvider<PrometheusRegistry> prometheus) {
        this(registry, prometheus.getIfAvailable());
    }

    /** Per-node series in {@code registry}'s Prometheus registry when it is a {@link PrometheusMeterRegistry}. */
    public NodeMetrics(MeterRegistry registry) {
        this(registry, registry instanceof PrometheusMeterRegistry p ? p.getPrometheusRegistry() : null);
    }

    /**
     * @param prometheus where the per-node series are scraped from, or {@code null}: kept but not exposed
     */
    public NodeMetrics(MeterRegistry registry, PrometheusRegistry prometheus) {
        this.clock = registry.config().clock();
        this.registry = registry;
        for (PollOutcome outcome : PollOutcome.values()) {
            polls.put(outcome, Counter.builder(MetricNames.COLLECTOR_POLLS)
                    .description("Polls of nodes by this collector, by outcome")
                    .tag(MetricNames.TAG_OUTCOME, outcome.name())
                    .register(registry));
        }
        this.prometheus = prometheus;
        if (prometheus != null) {
            prometheus.register(collector);
        }
    }

    @Override
    public void destroy() {
        if (prometheus != null) {
            prometheus.unregister(collector);
        }
    }

    @Override
    public void onSample(NodeTarget target, NodeSample sample) {
        if (sample.channel() != null) {
            onChannelSample(target, sample);
            return;
        }
        polls.get(sample.outcome()).increment();
        countChainEvents(target, sample);
        NodeSeries known = byNode.get(target.nodeId());
        if (known != null && known.target == target) {
            // the usual case: the same target as the previous sample (the scheduler's), so the same labels
            known.update(sample);
            return;
        }
        NodeLabels labels = labels(target);
        NodeSeries series = byNode.compute(target.nodeId(), (id, existing) -> {
            if (existing != null && existing.labels.equals(labels)) {
                existing.target = target;
                return existing;
            }
            // new, or its names changed: new series (the old labels' go away, its counter goes on under the new ones)
            NodeSeries renamed = new NodeSeries(target, labels,
                    existing == null ? clock.wallTime() : existing.createdMillis);
            if (existing != null) {
                renamed.carry(existing);
            }
            return renamed;
        });
        changes.incrementAndGet();
        series.update(sample);
    }

    private void onChannelSample(NodeTarget target, NodeSample sample) {
        NodeLabels labels = labels(target);
        Map<String, ChannelSeries> channels = byChannel.computeIfAbsent(target.nodeId(), id -> new ConcurrentHashMap<>());
        ChannelSeries known = channels.get(sample.channel());
        if (known != null && known.node.equals(labels)) {
            known.update(sample);
            return;
        }
        ChannelSeries series = channels.compute(sample.channel(), (channel, existing) -> {
            if (existing != null && existing.node.equals(labels)) {
                return existing;
            }
            ChannelSeries renamed = new ChannelSeries(labels, channel,
                    existing == null ? clock.wallTime() : existing.createdMillis);
            if (existing != null) {
                renamed.carry(existing);
            }
            return renamed;
        });
        changes.incrementAndGet();
        series.update(sample);
    }

    /** Counts a height regression or a chain reset the sample reports (see {@link Readings#HEIGHT_REGRESSION}). */
    private void countChainEvents(NodeTarget target, NodeSample sample) {
        Double regression = sample.reading(Readings.HEIGHT_REGRESSION);
        Double reset = sample.reading(Readings.CHAIN_RESET);
        boolean regressed = regression != null && regression > 0;
        boolean wasReset = reset != null && reset > 0;
        if (!regressed && !wasReset) {
            return;
        }
        Counter[] counters = chainEvents.computeIfAbsent(target.nodeId(), id -> chainEventCounters(labels(target)));
        if (regressed) {
            counters[0].increment();
        }
        if (wasReset) {
            counters[1].increment();
        }
    }

    private Counter[] chainEventCounters(NodeLabels labels) {
        return new Counter[] {
                Counter.builder(MetricNames.NODE_HEIGHT_REGRESSIONS)
                        .description("Times the node's head went back by more than a reorganization explains")
                        .tags(MetricNames.TAG_ORG, labels.org(), MetricNames.TAG_CHAIN, labels.chain(),
                                MetricNames.TAG_NODE, labels.node(), MetricNames.TAG_NODE_ID, labels.nodeId())
                        .register(registry),
                Counter.builder(MetricNames.NODE_CHAIN_RESETS)
                        .description("Times the node was found on a new chain (new genesis hash or chain id)")
                        .tags(MetricNames.TAG_ORG, labels.org(), MetricNames.TAG_CHAIN, labels.chain(),
                                MetricNames.TAG_NODE, labels.node(), MetricNames.TAG_NODE_ID, labels.nodeId())
                        .register(registry)};
    }

    @Override
    public void onNodeRemoved(NodeTarget target) {
        Counter[] counters = chainEvents.remove(target.nodeId());
        if (counters != null) {
            for (Counter counter : counters) {
                registry.remove(counter);
            }
        }
        byNode.remove(target.nodeId());
        byChannel.remove(target.nodeId());
        changes.incrementAndGet();
    }

    /**
     * An edited node keeps its series and counters (relabelled at its next sample when its names changed); a Fabric
     * peer's channel no longer listed loses its series (an orderer's channels are those it serves, not a list).
     */
    @Override
    public void onNodeReplaced(NodeTarget before, NodeTarget after) {
        Map<String, ChannelSeries> channels = byChannel.get(after.nodeId());
        if (channels != null && after.fabric() != null && !after.fabric().orderer()
                && !after.fabric().channels().isEmpty()) {
            List<String> watched = after.fabric().channels();
            channels.keySet().removeIf(channel -> !watched.contains(channel));
        }
        if (!labels(before).equals(labels(after))) {
            Counter[] counters = chainEvents.remove(after.nodeId());
            if (counters != null) {
                Counter[] renamed = chainEventCounters(labels(after));
                for (int i = 0; i < counters.length; i++) {
                    renamed[i].increment(counters[i].count());
                    registry.remove(counters[i]);
                }
                chainEvents.put(after.nodeId(), renamed);
            }
        }
        changes.incrementAndGet();
    }

    /** How many times the set of series has changed: while it is the same, so are the series. */
    long changes() {
        return changes.get();
    }

    /** Every node's series now (a weakly consistent view: a node added or removed meanwhile may or may not be in). */
    Collection<NodeSeries> nodes() {
        return byNode.values();
    }

    /** Every Fabric channel's series now, as {@link #nodes()}. */
    List<ChannelSeries> channels() {
        List<ChannelSeries> all = new ArrayList<>();
        for (Map<String, ChannelSeries> channels : byChannel.values()) {
            all.addAll(channels.values());
        }
        return all;
    }

    /** For tests: the per-node series as a scrape of them would show them. */
    NodeSeriesCollector collector() {
        return collector;
    }

    private static NodeLabels labels(NodeTarget target) {
        return new NodeLabels(
                Objects.requireNonNullElse(target.orgName(), UNKNOWN),
                Objects.requireNonNullElse(target.chainName(), UNKNOWN),
                Objects.requireNonNullElse(target.nodeName(), UNKNOWN),
                target.nodeId().toString());
    }

    /**
     * The label values of a node's series (as the Micrometer tags were: a missing name is {@code unknown}); the node id
     * is its UUID's text.
     */
    record NodeLabels(String org, String chain, String node, String nodeId) {

        Labels labels() {
            return Labels.of(MetricNames.TAG_ORG, org, MetricNames.TAG_CHAIN, chain, MetricNames.TAG_NODE, node,
                    MetricNames.TAG_NODE_ID, nodeId);
        }
    }

    /** Slot values are the bits of doubles, so that a scrape on another thread sees the latest. */
    private static double get(AtomicLongArray values, int slot) {
        return Double.longBitsToDouble(values.get(slot));
    }

    private static void set(AtomicLongArray values, int slot, double value) {
        values.set(slot, Double.doubleToRawLongBits(value));
    }

    /** A counter's increment: only by a positive amount (as a Micrometer counter), atomically. */
    private static void increment(AtomicLongArray values, int slot, double amount) {
        if (amount > 0) {
            values.accumulateAndGet(slot, Double.doubleToRawLongBits(amount),
                    (bits, add) -> Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + Double.longBitsToDouble(add)));
        }
    }

    /**
     * A series' values, one slot each (the bits of a double, so that a scrape on another thread sees the latest): the
     * gauges' first, NaN until a sample gives them, then the counters', from 0. Written by samples, read by scrapes.
     */
    abstract static class Series {
        /** The labels of the series, built once. */
        final Labels prometheusLabels;
        /** When the series' counters started, epoch ms (a Micrometer counter's created timestamp). */
        final long createdMillis;
        final AtomicLongArray values;

        Series(Labels labels, long createdMillis, int gauges, int counters) {
            this.prometheusLabels = labels;
            this.createdMillis = createdMillis;
            this.values = new AtomicLongArray(gauges + counters);
            for (int i = 0; i < gauges; i++) {
                set(values, i, Double.NaN);
            }
            for (int i = gauges; i < gauges + counters; i++) {
                set(values, i, 0.0);
            }
        }

        double value(int slot) {
            return get(values, slot);
        }

        /** Takes the values of {@code other}, the same node's (or channel's) series under its former labels. */
        void carry(Series other) {
            for (int i = 0; i < values.length(); i++) {
                values.set(i, other.values.get(i));
            }
        }
    }

    /** One node's values: one slot per gauge (in {@link #GAUGE_NAMES} order), then {@link #REORGS}. */
    static final class NodeSeries extends Series {
        final NodeLabels labels;
        /** The target of the latest sample: while it is the same object, its labels are the same. */
        volatile NodeTarget target;

        NodeSeries(NodeTarget target, NodeLabels labels, long createdMillis) {
            super(labels.labels(), createdMillis, GAUGE_NAMES.length, 1);
            this.target = target;
            this.labels = labels;
            set(values, LAST_REORG_DEPTH, 0.0);
        }

        void update(NodeSample sample) {
            set(values, UP, sample.up() ? 1.0 : 0.0);
            Double reorgCount = sample.reading(Readings.REORG_COUNT);
            if (reorgCount != null && reorgCount > 0) {
                increment(values, REORGS, reorgCount);
                Double depth = sample.reading(Readings.REORG_DEPTH);
                set(values, LAST_REORG_DEPTH, depth == null ? Double.NaN : depth);
            }
            for (int i = 0; i < GAUGE_READINGS.length; i++) {
                String reading = GAUGE_READINGS[i];
                if (reading != null) {
                    Double value = sample.reading(reading);
                    set(values, i, value == null ? Double.NaN : value);
                }
            }
        }
    }

    /** One Fabric channel's values on one peer: its gauges, then blocks, valid and invalid transactions. */
    static final class ChannelSeries extends Series {
        final NodeLabels node;
        /** The transactions' labels, by result. */
        final Labels validLabels;
        final Labels invalidLabels;

        ChannelSeries(NodeLabels node, String channel, long createdMillis) {
            super(node.labels().add(MetricNames.TAG_CHANNEL, channel), createdMillis, CHANNEL_GAUGE_NAMES.length, 3);
            this.node = node;
            this.validLabels = prometheusLabels.add(MetricNames.TAG_RESULT, "valid");
            this.invalidLabels = prometheusLabels.add(MetricNames.TAG_RESULT, "invalid");
        }

        void update(NodeSample sample) {
            set(values, CHANNEL_UP, sample.up() ? 1.0 : 0.0);
            Double height = sample.reading(Readings.BLOCK_HEIGHT);
            set(values, CHANNEL_HEIGHT, height == null ? Double.NaN : height);
            Double interval = sample.reading(Readings.FABRIC_COMMIT_INTERVAL_SECONDS);
            if (interval != null) {
                set(values, CHANNEL_COMMIT_INTERVAL, interval);
            }
            increment(values, CHANNEL_BLOCKS, sample.readings().getOrDefault(Readings.FABRIC_BLOCKS, 0.0));
            increment(values, CHANNEL_VALID, sample.readings().getOrDefault(Readings.FABRIC_TX_VALID, 0.0));
            increment(values, CHANNEL_INVALID, sample.readings().getOrDefault(Readings.FABRIC_TX_INVALID, 0.0));
        }
    }
}
