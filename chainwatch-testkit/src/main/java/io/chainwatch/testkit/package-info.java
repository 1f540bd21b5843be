/**
 * Real servers for tests and for the one-command local stack: an anvil dev chain (the binary installed from
 * npm by the build), free loopback ports, and (in {@code fabric}) a test Fabric peer serving the captures of a real
 * Fabric 2.5.5 network. Embedded PostgreSQL (zonky) and the embedded Kafka broker
 * (spring-kafka-test) are used directly from their libraries. Services depend on this module only in test scope.
 */
package io.chainwatch.testkit;
