/**
 * Real servers for tests and for the one-command local stack: an anvil dev chain (the binary installed from
 * npm by the build), free loopback ports, and (in {@code fabric}) a test Fabric peer serving the captures of a real
 * Fabric 2.5.5 network; and {@link io.chainwatch.testkit.SharedServers}, the embedded PostgreSQL (zonky) and Kafka
 * broker (spring-kafka-test) a module's integration tests share. Services depend on this module only in test scope.
 */
package io.chainwatch.testkit;
