/**
 * The collector service: it polls the blockchain nodes of its assigned partitions of {@code chainwatch.targets}
 * and publishes one {@code NodeSample} per poll to {@code chainwatch.samples} (a Fabric peer: one per watched
 * channel besides its own), with per-node gauges at {@code /actuator/prometheus} (catalogue: docs/metrics.md).
 *
 * <ul>
 *   <li>{@code target} — which nodes this instance polls (its partitions of the targets topic)</li>
 *   <li>{@code poll} — the schedule: every node on its interval, on a bounded pool, with backoff; the probe port</li>
 *   <li>{@code ethereum} — the web3j probe of Ethereum-family nodes: readings, heads, reorgs, chain resets, WebSocket heads</li>
 *   <li>{@code fabric} — the Fabric Gateway probe of Fabric peers: chain info and block events per channel</li>
 *   <li>{@code scrape} — the nodes' own Prometheus metrics and Fabric health, folded into their samples</li>
 *   <li>{@code publish} — samples to Kafka, gauges and the collector's counters to Micrometer</li>
 * </ul>
 */
package io.chainwatch.collector;
