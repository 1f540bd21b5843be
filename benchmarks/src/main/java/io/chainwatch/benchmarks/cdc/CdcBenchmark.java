package io.chainwatch.benchmarks.cdc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.chainwatch.benchmarks.Figures;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.local.ServiceProcess;
import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.security.InternalTokenVerifier;
import io.chainwatch.testkit.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Change-data-capture figures, with the cdc-service running as its own process (its runnable jar), a real
 * PostgreSQL 17 with {@code wal_level=logical} and the embedded KRaft broker:
 * <ul>
 *   <li>{@code cdc-latency-p50-ms} / {@code -p99-ms}: from the application's committing INSERT returning to the
 *       sample being readable on {@code chainwatch.samples} (read_committed), one row per transaction, rows 20 ms
 *       apart; 200 warm-up rows first, not measured, and measuring starts once they have all arrived;</li>
 *   <li>{@code cdc-rows-per-s}: rows per second turned into samples while an application inserts as fast as one
 *       connection can, in transactions of 500 rows (one configured metric column: one sample per row).</li>
 * </ul>
 * Run from the repository root: {@code benchmarks/run.sh cdc.CdcBenchmark [latencyRows incl. warm-up] [throughputRows]}.
 */
public final class CdcBenchmark {

    private static final java.security.KeyPair INTERNAL_KEYS = InternalKeys.generate();

    private static final String COMMAND = "benchmarks/run.sh cdc.CdcBenchmark";
    private static final int WARM_UP = 200;

    private CdcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int latencyRows = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        int throughputRows = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Path work = Files.createTempDirectory("cdc-bench");

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1", "group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
        // PostgreSQL's defaults for a production database: zonky turns synchronous_commit off, which makes the WAL
        // sender wait for the WAL writer (up to wal_writer_delay, 200 ms) before it streams a committed row
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical")
                .setServerConfig("synchronous_commit", "on").start();
        String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        int port = FreePorts.next();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ServiceProcess cdc = ServiceProcess.of(Path.of("").toAbsolutePath(), "cdc-service", port, List.of(
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres", "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--chainwatch.cdc.secret-key=" + Base64.getEncoder().encodeToString(key),
                "--chainwatch.security.internal-token.public-key=" + InternalKeys.encodePublic(INTERNAL_KEYS),
                "--chainwatch.security.urls.allow-loopback=true"), work);
        Map<Long, Long> arrivals = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> rows = new ArrayList<>();
        try (Connection app = postgres.getPostgresDatabase().getConnection()) {
            try (Statement s = app.createStatement()) {
                s.execute("CREATE TABLE public.trade (id bigserial PRIMARY KEY, amount numeric(18,2), row_id text)");
            }
            cdc.start();
            cdc.awaitHealthy(Duration.ofSeconds(120));
            createSource(port, jdbcUrl);

            Thread consumer = new Thread(() -> consume(kafka.getBrokersAsString(), arrivals, running), "bench-consumer");
            consumer.start();
            Thread.sleep(2000); // consumer assigned

            // latency: one row per transaction, 20 ms apart. First WARM_UP rows that are not measured (first Kafka
            // transaction, JIT): the measurement starts once all of them have arrived, so no backlog is counted
            Map<Long, Long> commits = new ConcurrentHashMap<>();
            app.setAutoCommit(true);
            try (PreparedStatement insert = app.prepareStatement("INSERT INTO public.trade (amount, row_id) VALUES (?, ?)")) {
                for (long i = 1; i <= latencyRows; i++) {
                    insert.setBigDecimal(1, java.math.BigDecimal.valueOf(i));
                    insert.setString(2, Long.toString(i));
                    insert.executeUpdate();
                    if (i > WARM_UP) {
                        commits.put(i, System.nanoTime());
                    } else if (i == WARM_UP) {
                        awaitCount(arrivals, WARM_UP, Duration.ofSeconds(60));
                    }
                    Thread.sleep(20);
                }
            }
            awaitCount(arrivals, latencyRows, Duration.ofSeconds(60));
            List<Double> latencies = new ArrayList<>();
            commits.forEach((id, committed) -> latencies.add((arrivals.get(id) - committed) / 1e6));
            rows.add(Figures.row("cdc-latency-p50-ms", Figures.percentile(latencies, 50), "ms", COMMAND));
            rows.add(Figures.row("cdc-latency-p99-ms", Figures.percentile(latencies, 99), "ms", COMMAND));

            // throughput: transactions of 500 rows, as fast as one connection goes
            app.setAutoCommit(false);
            long first = latencyRows + 1L;
            long start = System.nanoTime();
            try (PreparedStatement insert = app.prepareStatement("INSERT INTO public.trade (amount, row_id) VALUES (?, ?)")) {
                for (long i = first; i < first + throughputRows; i++) {
                    insert.setBigDecimal(1, java.math.BigDecimal.valueOf(i));
                    insert.setString(2, Long.toString(i));
                    insert.addBatch();
                    if ((i - first + 1) % 500 == 0) {
                        insert.executeBatch();
                        app.commit();
                    }
                }
                insert.executeBatch();
                app.commit();
            }
            double insertSeconds = (System.nanoTime() - start) / 1e9;
            awaitCount(arrivals, latencyRows + throughputRows, Duration.ofMinutes(5));
            long last = arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            double seconds = (last - start) / 1e9;
            System.out.printf("%d rows inserted in %.1f s; the last sample arrived %.1f s after the first insert%n",
                    throughputRows, insertSeconds, seconds);
            rows.add(Figures.row("cdc-rows-per-s", throughputRows / seconds, "rows/s", COMMAND));
        } finally {
            running.set(false);
            cdc.close();
            postgres.close();
            kafka.destroy();
        }
        System.out.println();
        rows.forEach(System.out::println);
    }

    private static void createSource(int port, String jdbcUrl) throws Exception {
        String body = """
                {"orgId":"%s","chainId":"%s","name":"trades",
                 "database":{"jdbcUrl":"%s","username":"postgres","password":"postgres"},
                 "schema":"public","table":"trade","metrics":{"amount":"trade.amount"},"tags":["row_id"]}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID(), jdbcUrl);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/cdc/sources"))
                .header("Content-Type", "application/json")
                // what the gateway adds after authenticating a platform admin
                .header(InternalTokenVerifier.HEADER, new InternalTokenIssuer(
                        (java.security.interfaces.ECPrivateKey) INTERNAL_KEYS.getPrivate())
                        .issue(Caller.platformAdmin("user:bench"), "cdc-service"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("source not created: " + response.statusCode() + " " + response.body());
        }
    }

    private static void consume(String bootstrap, Map<Long, Long> arrivals, AtomicBoolean running) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "cdc-bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SAMPLES));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    String rowId = SampleCodec.decode(record.value()).info().get("row_id");
                    if (rowId != null) {
                        arrivals.putIfAbsent(Long.parseLong(rowId), now);
                    }
                }
            }
        }
    }

    private static void awaitCount(Map<Long, Long> arrivals, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + arrivals.size() + " of " + count + " samples arrived");
            }
            Thread.sleep(5);
        }
    }
}
