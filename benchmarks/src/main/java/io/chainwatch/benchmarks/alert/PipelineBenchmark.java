package io.chainwatch.benchmarks.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;

import io.chainwatch.alert.AlertServiceApplication;
import io.chainwatch.alert.ingest.SamplesListener;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.TestCallers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pipeline-samples-per-s}: samples per second from a producer through Kafka through rule evaluation, all on
 * this machine: an embedded KRaft broker, an embedded PostgreSQL 17, and the real alert service (Spring context,
 * default settings, consumer group {@link SamplesListener#GROUP}) with 4 rules, created through its API, on each of
 * 100 chains of 10 nodes. The producer sends N {@code NodeSample} records as the collector does (the binary form,
 * {@link SampleCodec}, key = chain id, acks=all, idempotent, LZ4-compressed batches of up to 128 KiB) as fast as it
 * can, or, with {@code json} as the sixth argument, as JSON (UTF-8 bytes from data binding), as collectors did before
 * the binary form; the clock runs from the first send until the service's committed offsets — committed only after a
 * batch is evaluated and its transitions recorded — reach the end of every partition. Before the clock starts, a warm-up of
 * W samples goes through the same way, so that the figure is the sustained rate of a running service rather than of
 * one still compiling its code: in a cold run of 2,000,000 samples the JIT compiler threads took about as much CPU
 * as the producer (per-thread CPU from {@code /proc}). {@code W = 0} measures the cold pipeline.
 * <p>
 * The alert service runs in this JVM (the broker's and the producer's), or, given its JVM options as the fifth
 * argument, in its own {@code java} process on this class path, as it is deployed: then its heap and garbage
 * collector are its own, and options such as the collector can be compared for the service alone.
 * Run: {@code benchmarks/run.sh alert.PipelineBenchmark [samples] [chains] [nodesPerChain] [warmup] [serviceJvm|-]
 * [binary|json]}, e.g. {@code ... 4000000 100 10 4000000 "-XX:MaxRAMPercentage=75"} (the container image's options).
 */
public final class PipelineBenchmark {

    private static final String COMMAND = "benchmarks/run.sh alert.PipelineBenchmark";

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int chains = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int perChain = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 4_000_000;
        // the alert service's own JVM options, or "-": the service runs in this JVM
        List<String> serviceJvm = args.length > 4 && !args[4].equals("-") ? List.of(args[4].trim().split("\\s+")) : null;
        boolean asJson = args.length > 5 && args[5].equals("json");
        if (args.length > 5 && !asJson && !args[5].equals("binary")) {
            throw new IllegalArgumentException("encoding is binary or json, not " + args[5]);
        }
        JsonMapper json = JsonMapper.builder().build();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database bench");
            }
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6);
            kafka.brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0"));
            kafka.afterPropertiesSet();
            String bootstrap = kafka.getBrokersAsString();
            int port = FreePorts.next();
            List<String> settings = List.of("--server.port=" + port,
                    "--management.server.port=" + FreePorts.next(),
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "bench"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.kafka.consumer.auto-offset-reset=earliest",
                    "--spring.mail.host=127.0.0.1", "--spring.mail.port=1", "--logging.level.root=WARN",
                    "--logging.level.io.chainwatch=WARN",
                    // rules are created through the API as the gateway would, signed with the test callers' key
                    "--" + TestCallers.PUBLIC_KEY_PROPERTY + "=" + TestCallers.publicKey(),
                    "--chainwatch.alert.quotas.rules=" + Math.max(500, chains * 4),
                    "--chainwatch.alert.secrets.key=" + java.util.Base64.getEncoder().encodeToString(
                            java.security.SecureRandom.getSeed(32)));
            try (AlertService app = AlertService.start(serviceJvm, settings);
                 KafkaProducer<String, byte[]> producer = producer(bootstrap); Admin admin = admin(bootstrap)) {
                // the service declares the topics as it starts: produce only once it is up (a service in its own JVM
                // is still starting here, and sends to topics being created made the idempotent producer loop on
                // OutOfOrderSequenceException)
                app.awaitUp(port);
                UUID org = UUID.randomUUID();
                List<NodeTarget> nodes = new ArrayList<>();
                List<UUID> chainIds = new ArrayList<>();
                for (int c = 0; c < chains; c++) {
                    UUID chain = UUID.randomUUID();
                    chainIds.add(chain);
                    for (int n = 0; n < perChain; n++) {
                        NodeTarget t = new NodeTarget(UUID.randomUUID(), "node-" + c + "-" + n,
                                org, "acme", chain, "chain-" + c, "ETHEREUM",
                                "http://127.0.0.1:1", 1000, 1, null, null, null);
                        nodes.add(t);
                        producer.send(new ProducerRecord<>(Topics.TARGETS, t.nodeId().toString(),
                                json.writeValueAsBytes(t)));
                    }
                }
                producer.flush();
                Rules rules = new Rules(port);
                for (UUID chain : chainIds) {
                    String common = "\"orgId\": \"%s\", \"chainId\": \"%s\", \"forSeconds\": 30, \"emailTo\": [\"ops@bench.example\"]"
                            .formatted(org, chain);
                    rules.create("{\"type\": \"chain_stalled\", \"severity\": \"critical\", " + common + "}");
                    rules.create("{\"type\": \"node_unreachable\", \"severity\": \"critical\", " + common + "}");
                    rules.create("{\"type\": \"threshold\", \"severity\": \"warning\", " + common
                            + ", \"reading\": \"" + Readings.PEER_COUNT + "\", \"operator\": \"<\", \"value\": 2.0}");
                    rules.create("{\"type\": \"lagging\", \"severity\": \"warning\", " + common + ", \"blocks\": 5}");
                }
                Thread.sleep(3000); // partitions assigned
                System.out.printf("%d chains x %d nodes, %d rules; producing %,d samples after a warm-up of %,d;"
                        + " the alert service %s; samples as %s%n", chains, perChain, chains * 4, total, warmup,
                        serviceJvm == null ? "in this JVM" : "in its own JVM with " + String.join(" ", serviceJvm),
                        asJson ? "JSON" : "their binary form");
                Producing producing = new Producing(producer, asJson ? json::writeValueAsBytes : SampleCodec::encode,
                        nodes);
                if (warmup > 0) {
                    long w = System.nanoTime();
                    producing.send(warmup);
                    awaitCommitted(admin);
                    System.out.printf("warm-up: %,d samples in %.1f s (JIT compilation, caches; not counted)%n",
                            warmup, (System.nanoTime() - w) / 1e9);
                }
                long start = System.nanoTime();
                producing.send(total);
                double produceSeconds = (System.nanoTime() - start) / 1e9;
                awaitCommitted(admin);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("produced in %.1f s; evaluated and committed %,d samples in %.1f s = %,.0f samples/s%n",
                        produceSeconds, total, seconds, total / seconds);
                // what the producer made of the samples: batch size (compressed), compression ratio, requests
                producer.metrics().forEach((name, metric) -> {
                    if (name.group().equals("producer-metrics") && java.util.Set.of("batch-size-avg",
                            "compression-rate-avg", "records-per-request-avg", "request-rate").contains(name.name())) {
                        System.out.printf("producer %s: %s%n", name.name(), metric.metricValue());
                    }
                });
                System.out.println(String.format("| pipeline-samples-per-s | %.0f | samples/s | %s | `%s` |",
                        total / seconds, LocalDate.now(), COMMAND + java.util.Arrays.stream(args)
                                .map(a -> a.contains(" ") ? " \"" + a + "\"" : " " + a).collect(java.util.stream.Collectors.joining())));
            } finally {
                kafka.destroy();
            }
        }
    }

    /** Sends samples round after round over all nodes, the block height rising by one per round. */
    private static final class Producing {
        private final KafkaProducer<String, byte[]> producer;
        private final Function<NodeSample, byte[]> encoding;
        private final List<NodeTarget> nodes;
        private long round;

        Producing(KafkaProducer<String, byte[]> producer, Function<NodeSample, byte[]> encoding, List<NodeTarget> nodes) {
            this.producer = producer;
            this.encoding = encoding;
            this.nodes = nodes;
        }

        void send(int count) {
            int sent = 0;
            while (sent < count) {
                round++;
                long polledAt = System.currentTimeMillis();
                Map<String, Double> readings = new HashMap<>();
                readings.put(Readings.BLOCK_HEIGHT, (double) round);
                readings.put(Readings.HEAD_AGE_SECONDS, 1.0);
                readings.put(Readings.PEER_COUNT, 25.0);
                readings.put(Readings.TXPOOL_PENDING, 3.0);
                readings.put(Readings.RPC_LATENCY_MS, 2.5);
                readings.put(Readings.BLOCK_TX_COUNT, 12.0);
                for (int i = 0; i < nodes.size() && sent < count; i++, sent++) {
                    NodeTarget t = nodes.get(i);
                    NodeSample s = new NodeSample(t.nodeId(), t.chainId(), t.orgId(), polledAt, PollOutcome.OK, null,
                            readings, Map.of(), List.of(), null);
                    producer.send(new ProducerRecord<>(Topics.SAMPLES, t.chainId().toString(), encoding.apply(s)));
                }
            }
            producer.flush();
        }
    }

    /** Waits until the alert service's committed offsets reach the end of every samples partition. */
    private static void awaitCommitted(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(Topics.SAMPLES)).allTopicNames().get().get(Topics.SAMPLES).partitions()
                .forEach(p -> latest.put(new TopicPartition(Topics.SAMPLES, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SamplesListener.GROUP)
                    .partitionsToOffsetAndMetadata().get();
            if (end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("samples not all evaluated within 10 minutes");
    }

    /** The alert service under test: a Spring context in this JVM, or its own {@code java} process. */
    private static final class AlertService implements AutoCloseable {
        private final ConfigurableApplicationContext context;
        private final Process process;

        private AlertService(ConfigurableApplicationContext context, Process process) {
            this.context = context;
            this.process = process;
        }

        /** {@code jvmOptions == null}: in this JVM; otherwise a child JVM on this JVM's class path. */
        static AlertService start(List<String> jvmOptions, List<String> settings) throws IOException {
            if (jvmOptions == null) {
                return new AlertService(new SpringApplicationBuilder(AlertServiceApplication.class)
                        .run(settings.toArray(String[]::new)), null);
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    AlertServiceApplication.class.getName()));
            command.addAll(settings);
            Path log = Files.createTempFile("pipeline-alert-service", ".log");
            System.out.println("alert service log: " + log);
            return new AlertService(null, new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start());
        }

        /** Waits until the service answers on {@code port}. */
        void awaitUp(int port) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline) {
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException("the alert service exited with " + process.exitValue());
                }
                try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            throw new IllegalStateException("the alert service did not listen on " + port + " within 3 minutes");
        }

        @Override
        public void close() throws InterruptedException {
            if (context != null) {
                context.close();
            } else {
                process.destroy();
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** Creates rules through the service's API, as the gateway forwards a platform admin's request. */
    private static final class Rules {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String url;

        Rules(int port) {
            this.url = "http://127.0.0.1:" + port + "/api/v1/rules";
        }

        void create(String json) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header(TestCallers.HEADER, TestCallers.platformAdmin("alert-service"))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("rule not created: " + r.statusCode() + " " + r.body());
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // the collector's producer settings (collector-service application.yml)
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // -Dproducer.<setting>=<value> overrides a producer setting, for experiments (e.g. compression.type=none)
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("producer.")) {
                p.put(k.toString().substring("producer.".length()), v);
            }
        });
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }
}
