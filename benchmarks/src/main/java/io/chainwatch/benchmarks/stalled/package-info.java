/**
 * Issue 14's end-to-end alerting benchmarks on the real local stack. {@link io.chainwatch.benchmarks.stalled.RecoveryBenchmark}:
 * a webhook receiver's outage and a kill -9 of alert-service, with 40 rules firing at once.
 * {@link io.chainwatch.benchmarks.stalled.NodeRestartBenchmark}: a node killed and restarted, from the restart to the
 * "[RESOLVED] Node unreachable" mail. The side-by-side benchmark: one anvil, ChainWatch (the real services at default settings, e-mail into
 * the local SMTP catcher) against Debian's Prometheus + Alertmanager configured aggressively (webhook), rule
 * "chain stalled for 10 s" on both, mining stopped at random phases. {@link io.chainwatch.benchmarks.stalled.SideBySideBenchmark}
 * runs it; {@link io.chainwatch.benchmarks.stalled.PrometheusStack} starts Prometheus, Alertmanager, the anvil
 * exporter and the webhook receiver; {@link io.chainwatch.benchmarks.stalled.HttpOnlyProxy} offers anvil without
 * WebSocket, so the collector polls for heads (and, closed and opened again, plays a killed and restarted node).
 */
package io.chainwatch.benchmarks.stalled;
