package io.chainwatch.alert.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Real servers shared by all integration tests of one JVM: an embedded PostgreSQL 17 and an embedded Kafka
 * (KRaft) broker, started on first use and stopped when the JVM exits. Each test gets its own database.
 */
public final class TestServers {

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;

    private TestServers() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres pg = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }));
        }
        return postgres;
    }

    public static synchronized String kafkaBootstrap() {
        if (kafka == null) {
            kafka = new EmbeddedKafkaKraftBroker(1, 6);
            kafka.brokerProperties(Map.of("auto.create.topics.enable", "false",
                    "group.initial.rebalance.delay.ms", "0"));
            kafka.afterPropertiesSet();
            EmbeddedKafkaKraftBroker k = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(k::destroy));
        }
        return kafka.getBrokersAsString();
    }

    /** A new, empty database; returns its JDBC URL. */
    public static String newDatabase() {
        String name = "alert_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }
}
