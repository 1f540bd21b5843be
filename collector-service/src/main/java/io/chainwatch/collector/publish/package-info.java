/**
 * Where each poll's sample goes: {@code chainwatch.samples} on Kafka ({@link io.chainwatch.collector.publish.KafkaSamplePublisher})
 * and per-node gauges in Micrometer ({@link io.chainwatch.collector.publish.NodeMetrics}, names in
 * {@link io.chainwatch.collector.publish.MetricNames}).
 */
package io.chainwatch.collector.publish;
