/**
 * Benchmarks of the alert service: {@code RulesBenchmark} (rule evaluation in-process, samples per second on one
 * core) and {@code PipelineBenchmark} (a producer, an embedded Kafka broker and the real alert service with an
 * embedded PostgreSQL, on this machine). Run with {@code benchmarks/run.sh alert.<Class> [args]}.
 */
package io.chainwatch.benchmarks.alert;
