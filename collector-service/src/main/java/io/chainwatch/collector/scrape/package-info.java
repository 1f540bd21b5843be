/**
 * A node's own metrics: the Prometheus text of its metrics endpoint ({@code NodeTarget.metricsUrl}: geth
 * {@code /debug/metrics/prometheus}, Besu {@code /metrics}, a Fabric peer's or orderer's operations
 * {@code /metrics}) and, for Fabric, the operations {@code /healthz} beside it. Selected series
 * ({@link io.chainwatch.collector.scrape.SeriesSelection}) are folded into the node's sample as
 * {@code metric.*} readings, with the means of the Fabric latency histograms between two scrapes; for Fabric also the
 * operations {@code /version} ({@code client.version}) and, on a peer's channel samples,
 * {@code fabric.proposals.endorsed}.
 *
 * <p>The text is parsed by {@link io.chainwatch.collector.scrape.PrometheusText}, written here: no maintained Java
 * parser of the Prometheus text format is on Maven Central. The Prometheus Java client
 * ({@code io.prometheus:prometheus-metrics-exposition-textformats}) only writes the format; the scrapers found
 * ({@code io.github.morganxf:prometheus-scraper} 1.0.1, the jmazzitelli/hawkular {@code prometheus-scraper}) are
 * unmaintained and build on protobuf-2-generated classes ({@code io.prometheus.client:model:0.0.2}) that cannot live
 * beside the protobuf 4 the Fabric client needs; {@code io.skodjob}'s test-frame parser is part of a Kubernetes test
 * framework. The parser is tested on the real texts of Fabric 2.5.5 peers and orderers.
 */
package io.chainwatch.collector.scrape;
