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
 * The per-node and per Fabric channel series of {@link NodeMetrics}, built at scrape time from its values (no meter per
 * node and series kept in a registry), written as Micrometer's {@code PrometheusMeterRegistry} writes meters: names by
 * Micrometer's Prometheus naming convention, HELP the description or a blank, labels, values, a counter's created
 * time — so these series look like the service's other metrics. A family without series is left out, as Micrometer
 * does.
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
    private Sorted sorted = new Sorted(-1, new NodeMetrics.NodeSeries[0], new NodeMetrics.ChannelSeries[0]);

    private record Sorted(long changes, NodeMetrics.NodeSeries[] nodes, NodeMetrics.ChannelSeries[] channels) {
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
    private synchronized Sorted sorted() {
        long changes = metrics.changes(); // before reading the series: a change meanwhile makes the next scrape sort
        if (sorted.changes() != changes) {
            NodeMetrics.NodeSeries[] nodes = metrics.nodes().toArray(NodeMetrics.NodeSeries[]::new);
            Arrays.sort(nodes, Comparator.comparing(node -> node.prometheusLabels));
            NodeMetrics.ChannelSeries[] channels = metrics.channels().toArray(NodeMetrics.ChannelSeries[]::new);
            Arrays.sort(channels, Comparator.comparing(channel -> channel.prometheusLabels));
            sorted = new Sorted(changes, distinct(nodes), distinct(channels));
        }
        return sorted;
    }

    /**
     * The sorted series without repeated labels: a node removed and added again while the series are read can be
     * seen twice by the maps' weakly consistent views, and a family with one label set twice is refused by the
     * exposition. The later one stays (the next scrape reads the maps again: their change count moved).
     */
    private static <S extends NodeMetrics.Series> S[] distinct(S[] sortedSeries) {
        int kept = 0;
        for (int i = 0; i < sortedSeries.length; i++) {
            if (kept > 0 && sortedSeries[kept - 1].prometheusLabels.equals(sortedSeries[i].prometheusLabels)) {
                sortedSeries[kept - 1] = sortedSeries[i];
            } else {
                sortedSeries[kept++] = sortedSeries[i];
            }
        }
        return kept == sortedSeries.length ? sortedSeries : Arrays.copyOf(sortedSeries, kept);
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
        Sorted now = sorted();
        if (now.nodes().length > 0) {
            gauges(snapshots, includedNames, NODE_GAUGES, now.nodes());
            counter(snapshots, includedNames, REORGS, now.nodes(), NodeMetrics.REORGS);
        }
        NodeMetrics.ChannelSeries[] channels = now.channels();
        if (channels.length > 0) {
            gauges(snapshots, includedNames, CHANNEL_GAUGES, channels);
            counter(snapshots, includedNames, CHANNEL_BLOCKS, channels, NodeMetrics.CHANNEL_BLOCKS);
            if (includedNames.test(CHANNEL_TRANSACTIONS.getPrometheusName())) {
                List<CounterDataPointSnapshot> points = new ArrayList<>(channels.length * 2);
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

    /**
     * One family per gauge slot, a data point per series. A Fabric node's own series leaves out the gauges it has
     * no reading for (the Ethereum ones: gas, txpool, head age ...) rather than showing them as NaN.
     */
    private static void gauges(List<MetricSnapshot> snapshots, Predicate<String> includedNames, MetricMetadata[] families,
                               NodeMetrics.Series[] series) {
        for (int slot = 0; slot < families.length; slot++) {
            if (includedNames.test(families[slot].getPrometheusName())) {
                List<GaugeDataPointSnapshot> points = new ArrayList<>(series.length);
                for (NodeMetrics.Series one : series) {
                    double value = one.value(slot);
                    if (Double.isNaN(value) && one instanceof NodeMetrics.NodeSeries node && node.target != null
                            && "FABRIC".equalsIgnoreCase(node.target.platform())) {
                        continue;
                    }
                    points.add(new GaugeDataPointSnapshot(value, one.prometheusLabels, null));
                }
                if (!points.isEmpty()) {
                    snapshots.add(new GaugeSnapshot(families[slot], points));
                }
            }
        }
    }

    /** The counter family of one slot, a data point per series. */
    private static void counter(List<MetricSnapshot> snapshots, Predicate<String> includedNames, MetricMetadata family,
                                NodeMetrics.Series[] series, int slot) {
        if (includedNames.test(family.getPrometheusName())) {
            List<CounterDataPointSnapshot> points = new ArrayList<>(series.length);
            for (NodeMetrics.Series one : series) {
                points.add(new CounterDataPointSnapshot(one.value(slot), one.prometheusLabels, null, one.createdMillis));
            }
            snapshots.add(new CounterSnapshot(family, points));
        }
    }

    @Override
    public List<String> getPrometheusNames() {
        return PROMETHEUS_NAMES;
    }
}
