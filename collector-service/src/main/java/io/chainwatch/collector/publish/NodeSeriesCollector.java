package io.chainwatch.collector.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The per-node and per Fabric channel series of {@link NodeMetrics}, built at scrape time from its values: the same
 * metric families as when they were Micrometer meters on the {@code PrometheusMeterRegistry} (names by Micrometer's
 * Prometheus naming convention, HELP the meter's description or a blank, labels, values, a counter's created time),
 * so the exposition is unchanged. A family without series is left out, as Micrometer does.
 */
final class NodeSeriesCollector implements MultiCollector {

    /** What Micrometer's Prometheus registry shows as HELP for a meter without a description. */
    private static final String NO_HELP = " ";
    private static final PrometheusNamingConvention NAMING = new PrometheusNamingConvention();

    private static final MetricMetadata[] NODE_GAUGES = gauges(NodeMetrics.GAUGE_NAMES);
    private static final MetricMetadata REORGS = counter(MetricNames.NODE_REORGS,
            "Chain reorganizations seen on the node");
    private static final MetricMetadata[] CHANNEL_GAUGES = gauges(NodeMetrics.CHANNEL_GAUGE_NAMES);
    private static final MetricMetadata CHANNEL_BLOCKS = counter(MetricNames.FABRIC_CHANNEL_BLOCKS,
            "Blocks delivered on the channel");
    private static final MetricMetadata CHANNEL_TRANSACTIONS = counter(MetricNames.FABRIC_CHANNEL_TRANSACTIONS,
            "Transactions in the blocks delivered, by validation result");

    private static final List<String> PROMETHEUS_NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (MetricMetadata metadata : NODE_GAUGES) {
            names.add(metadata.getPrometheusName());
        }
        names.add(REORGS.getPrometheusName());
        for (MetricMetadata metadata : CHANNEL_GAUGES) {
            names.add(metadata.getPrometheusName());
        }
        names.add(CHANNEL_BLOCKS.getPrometheusName());
        names.add(CHANNEL_TRANSACTIONS.getPrometheusName());
        PROMETHEUS_NAMES = List.copyOf(names);
    }

    private final NodeMetrics metrics;
    /** The series of the latest scrape, sorted by labels (as a snapshot's data points are), while unchanged. */
    private Series series = new Series(-1, new NodeMetrics.NodeSeries[0], new NodeMetrics.ChannelSeries[0]);

    private record Series(long changes, NodeMetrics.NodeSeries[] nodes, NodeMetrics.ChannelSeries[] channels) {
    }

    NodeSeriesCollector(NodeMetrics metrics) {
        this.metrics = metrics;
    }

    private static MetricMetadata[] gauges(String[] names) {
        MetricMetadata[] metadata = new MetricMetadata[names.length];
        for (int i = 0; i < names.length; i++) {
            metadata[i] = new MetricMetadata(NAMING.name(names[i], Meter.Type.GAUGE), NO_HELP, null);
        }
        return metadata;
    }

    private static MetricMetadata counter(String name, String help) {
        return new MetricMetadata(NAMING.name(name, Meter.Type.COUNTER), help, null);
    }

    /**
     * The series now, sorted by labels: the data points are given to the snapshots in their order, so the snapshots'
     * own sort finds them sorted, and sorting once serves every family and, until a series is added or removed,
     * every scrape.
     */
    private synchronized Series series() {
        long changes = metrics.changes(); // before reading the series: a change meanwhile makes the next scrape sort
        if (series.changes() != changes) {
            NodeMetrics.NodeSeries[] nodes = metrics.nodes().toArray(NodeMetrics.NodeSeries[]::new);
            Arrays.sort(nodes, Comparator.comparing(node -> node.prometheusLabels));
            NodeMetrics.ChannelSeries[] channels = metrics.channels().toArray(NodeMetrics.ChannelSeries[]::new);
            Arrays.sort(channels, Comparator.comparing(channel -> channel.prometheusLabels));
            series = new Series(changes, nodes, channels);
        }
        return series;
    }

    @Override
    public MetricSnapshots collect() {
        return collect(name -> true);
    }

    @Override
    public MetricSnapshots collect(PrometheusScrapeRequest scrapeRequest) {
        return collect(name -> true);
    }

    @Override
    public MetricSnapshots collect(Predicate<String> includedNames, PrometheusScrapeRequest scrapeRequest) {
        return collect(includedNames == null ? name -> true : includedNames);
    }

    @Override
    public MetricSnapshots collect(Predicate<String> includedNames) {
        List<MetricSnapshot> snapshots = new ArrayList<>();
        Series now = series();
        List<NodeMetrics.NodeSeries> nodes = Arrays.asList(now.nodes());
        if (!nodes.isEmpty()) {
            for (int slot = 0; slot < NODE_GAUGES.length; slot++) {
                if (includedNames.test(NODE_GAUGES[slot].getPrometheusName())) {
                    List<GaugeDataPointSnapshot> points = new ArrayList<>(nodes.size());
                    for (NodeMetrics.NodeSeries node : nodes) {
                        points.add(new GaugeDataPointSnapshot(node.value(slot), node.prometheusLabels, null));
                    }
                    snapshots.add(new GaugeSnapshot(NODE_GAUGES[slot], points));
                }
            }
            if (includedNames.test(REORGS.getPrometheusName())) {
                List<CounterDataPointSnapshot> points = new ArrayList<>(nodes.size());
                for (NodeMetrics.NodeSeries node : nodes) {
                    points.add(new CounterDataPointSnapshot(node.value(NodeMetrics.REORGS), node.prometheusLabels,
                            null, node.createdMillis));
                }
                snapshots.add(new CounterSnapshot(REORGS, points));
            }
        }
        List<NodeMetrics.ChannelSeries> channels = Arrays.asList(now.channels());
        if (!channels.isEmpty()) {
            for (int slot = 0; slot < CHANNEL_GAUGES.length; slot++) {
                if (includedNames.test(CHANNEL_GAUGES[slot].getPrometheusName())) {
                    List<GaugeDataPointSnapshot> points = new ArrayList<>(channels.size());
                    for (NodeMetrics.ChannelSeries channel : channels) {
                        points.add(new GaugeDataPointSnapshot(channel.value(slot), channel.prometheusLabels, null));
                    }
                    snapshots.add(new GaugeSnapshot(CHANNEL_GAUGES[slot], points));
                }
            }
            if (includedNames.test(CHANNEL_BLOCKS.getPrometheusName())) {
                List<CounterDataPointSnapshot> points = new ArrayList<>(channels.size());
                for (NodeMetrics.ChannelSeries channel : channels) {
                    points.add(new CounterDataPointSnapshot(channel.value(NodeMetrics.CHANNEL_BLOCKS),
                            channel.prometheusLabels, null, channel.createdMillis));
                }
                snapshots.add(new CounterSnapshot(CHANNEL_BLOCKS, points));
            }
            if (includedNames.test(CHANNEL_TRANSACTIONS.getPrometheusName())) {
                List<CounterDataPointSnapshot> points = new ArrayList<>(channels.size() * 2);
                for (NodeMetrics.ChannelSeries channel : channels) {
                    // result="invalid" sorts before result="valid"
                    points.add(new CounterDataPointSnapshot(channel.value(NodeMetrics.CHANNEL_INVALID),
                            channel.invalidLabels, null, channel.createdMillis));
                    points.add(new CounterDataPointSnapshot(channel.value(NodeMetrics.CHANNEL_VALID),
                            channel.validLabels, null, channel.createdMillis));
                }
                snapshots.add(new CounterSnapshot(CHANNEL_TRANSACTIONS, points));
            }
        }
        return new MetricSnapshots(snapshots);
    }

    @Override
    public List<String> getPrometheusNames() {
        return PROMETHEUS_NAMES;
    }
}
