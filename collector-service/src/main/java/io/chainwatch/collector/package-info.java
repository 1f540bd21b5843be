/**
 * The collector service: it polls the blockchain nodes of its assigned partitions of {@code chainwatch.targets}
 * and publishes one {@code NodeSample} per poll to {@code chainwatch.samples}, with per-node gauges at
 * {@code /actuator/prometheus}.
 *
 * <ul>
 *   <li>{@code target} — which nodes this instance polls (its partitions of the targets topic)</li>
 *   <li>{@code poll} — the schedule: every node on its interval, on a bounded pool; the probe port</li>
 *   <li>{@code ethereum} — the web3j probe of Ethereum-family nodes</li>
 *   <li>{@code publish} — samples to Kafka, gauges to Micrometer</li>
 * </ul>
 */
package io.chainwatch.collector;
