/**
 * Where each poll's sample goes: {@code chainwatch.samples} on Kafka ({@link io.chainwatch.collector.publish.KafkaSamplePublisher})
 * and per-node gauges in Micrometer ({@link io.chainwatch.collector.publish.NodeMetrics}, names in
 * {@link io.chainwatch.collector.publish.MetricNames}; Fabric channel samples get meters tagged with their channel), and
 * the schedule's own counters ({@link io.chainwatch.collector.publish.SchedulerMetrics}). The catalogue is
 * docs/metrics.md.
 */
package io.chainwatch.collector.publish;
