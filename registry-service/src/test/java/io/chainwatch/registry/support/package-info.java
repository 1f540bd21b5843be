/**
 * Test support: the real PostgreSQL and Kafka servers the integration tests run against, started once per
 * JVM, and the base class that wires them into a Spring Boot application on a random port.
 */
package io.chainwatch.registry.support;
