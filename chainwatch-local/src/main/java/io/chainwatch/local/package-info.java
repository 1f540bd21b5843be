/**
 * The one-command local stack: {@link io.chainwatch.local.LocalStackMain} starts an embedded Kafka broker,
 * an embedded PostgreSQL, anvil, an SMTP catcher with an inbox page, and the four services as child
 * processes from their runnable jars, then registers the anvil chain with default rules through the gateway.
 * {@link io.chainwatch.local.LocalStack} is the same thing as a library, for the end-to-end test and the
 * benchmarks.
 */
package io.chainwatch.local;
