package io.chainwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real servers integration tests share within one JVM (one Maven module's failsafe run): an embedded
 * PostgreSQL 17 (zonky) and an embedded Kafka broker (KRaft, spring-kafka-test), each started on first use and
 * stopped when the JVM exits. Sharing them keeps a module's ITs from paying a server start per class (PostgreSQL
 * ≈ 1 s, Kafka ≈ 3 s here) and lets Spring reuse one application context across classes.
 *
 * <p>A test class names what it needs with {@link EmbeddedServers}; the broker's {@link Broker kind} is fixed by the
 * first class that starts it, and a later class asking for another kind fails, so two test classes cannot silently
 * disagree about the broker they share. A test whose subject is the broker itself (instances joining and leaving a
 * consumer group) starts {@link #ownKafka(Broker) one of its own}, and a test of a database server's own behaviour
 * (logical replication from a server it restarts) {@link #ownPostgres one of its own}.
 */
public final class SharedServers {

    /** User and password of the shared PostgreSQL. */
    public static final String POSTGRES_USER = "postgres";

    private static EmbeddedPostgres postgres;
    private static final Set<String> databases = new HashSet<>();
    private static EmbeddedKafkaKraftBroker kafka;
    private static Broker kafkaKind;

    private SharedServers() {
    }

    /** Starts what {@code servers} names (called before an annotated class's first test). */
    static void start(EmbeddedServers servers) {
        if (servers.kafka() != Broker.NONE) {
            kafka(servers.kafka());
        }
        if (servers.postgres() || !servers.database().isEmpty()) {
            postgres();
        }
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

    /** JDBC URL of the shared PostgreSQL's {@code postgres} database (user and password {@value #POSTGRES_USER}). */
    public static String postgresJdbcUrl() {
        return postgres().getJdbcUrl(POSTGRES_USER, "postgres");
    }

    /** JDBC URL of the database {@code name} of the shared PostgreSQL, created on first use. */
    public static synchronized String database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        if (databases.add(name)) {
            create(name);
        }
        return postgres().getJdbcUrl(POSTGRES_USER, name);
    }

    /** A new, empty database in the shared PostgreSQL, named {@code prefix_<random>}; returns its JDBC URL. */
    public static String newDatabase(String prefix) {
        return database(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    private static void create(String name) {
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /**
     * Bootstrap servers of the shared Kafka broker, as its test class's {@link EmbeddedServers} started it.
     *
     * @throws IllegalStateException if none runs (the class is not annotated)
     */
    public static synchronized String kafkaBootstrap() {
        if (kafka == null) {
            throw new IllegalStateException("no shared Kafka broker runs: annotate the test class with "
                    + "@EmbeddedServers(kafka = ...)");
        }
        return kafka.getBrokersAsString();
    }

    /** Bootstrap servers of the shared Kafka broker, started as {@code kind} by the first caller. */
    public static synchronized String kafka(Broker kind) {
        if (kind == Broker.NONE) {
            throw new IllegalArgumentException("Broker.NONE has no bootstrap servers");
        }
        if (kafka == null) {
            kafka = startBroker(kind);
            kafkaKind = kind;
            EmbeddedKafkaKraftBroker started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "embedded-kafka-stop"));
        } else if (kafkaKind != kind) {
            throw new IllegalStateException("the shared Kafka broker runs as " + kafkaKind + ", asked for " + kind);
        }
        return kafka.getBrokersAsString();
    }

    /**
     * A PostgreSQL of the caller's own, started now with {@code settings} applied to zonky's builder (a server
     * setting such as {@code wal_level=logical}, a fixed port and data directory to restart it); close it at the end.
     */
    public static EmbeddedPostgres ownPostgres(UnaryOperator<EmbeddedPostgres.Builder> settings) {
        try {
            return settings.apply(EmbeddedPostgres.builder()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** A broker of the caller's own, started now; close it at the end of the test. */
    public static OwnKafka ownKafka(Broker kind) {
        return new OwnKafka(startBroker(kind));
    }

    private static EmbeddedKafkaKraftBroker startBroker(Broker kind) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, kind.partitions());
        broker.brokerProperties(kind.brokerProperties());
        broker.afterPropertiesSet();
        return broker;
    }

    /** A Kafka broker one test owns. */
    public static final class OwnKafka implements AutoCloseable {

        private final EmbeddedKafkaKraftBroker broker;

        private OwnKafka(EmbeddedKafkaKraftBroker broker) {
            this.broker = broker;
        }

        /** Its bootstrap servers. */
        public String bootstrap() {
            return broker.getBrokersAsString();
        }

        /** Stops it. */
        @Override
        public void close() {
            broker.destroy();
        }
    }
}
