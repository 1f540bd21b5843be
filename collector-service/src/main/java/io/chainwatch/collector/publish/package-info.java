/**
 * Where each poll's sample goes: {@code chainwatch.samples} on Kafka ({@link io.chainwatch.collector.publish.KafkaSamplePublisher})
 * and per-node gauges ({@link io.chainwatch.collector.publish.NodeMetrics}, names in
 * {@link io.chainwatch.collector.publish.MetricNames}; Fabric channel samples get series labelled with their channel;
 * built at scrape time by {@link io.chainwatch.collector.publish.NodeSeriesCollector} in the Prometheus registry under
 * Micrometer's, the poll counter a Micrometer meter; an edit of a node keeps its counters), and
 * the schedule's own counters ({@link io.chainwatch.collector.publish.SchedulerMetrics}). The catalogue is
 * docs/metrics.md.
 */
package io.chainwatch.collector.publish;
