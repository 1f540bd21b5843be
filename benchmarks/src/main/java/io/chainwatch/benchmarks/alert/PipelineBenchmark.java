package io.chainwatch.benchmarks.alert;

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

import io.chainwatch.alert.AlertServiceApplication;
import io.chainwatch.alert.rule.chainstalled.ChainStalledRule;
import io.chainwatch.alert.rule.lagging.LaggingRule;
import io.chainwatch.alert.rule.nodeunreachable.NodeUnreachableRule;
import io.chainwatch.alert.rule.threshold.ThresholdRule;
import io.chainwatch.alert.ruleset.RuleStore;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Readings;
import io.chainwatch.events.Topics;
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
 * default settings, consumer group {@code chainwatch-alert}) with 4 rules on each of 100 chains of 10 nodes. The
 * producer sends N {@code NodeSample} JSON records as the collector does (UTF-8 bytes from data binding, key = chain
 * id, acks=all, idempotent, LZ4-compressed batches of up to 128 KiB) as fast as it can; the clock runs from the
 * first send until the service's committed offsets — committed only after a batch is evaluated and its transitions
 * recorded — reach the end of every partition. Before the clock starts, a warm-up of W samples goes through the
 * same way, so that the figure is the sustained rate of a running service rather than of one still compiling its
 * code: in a cold run of 2,000,000 samples the JIT compiler threads took about as much CPU as the producer
 * (per-thread CPU from {@code /proc}). {@code W = 0} measures the cold pipeline.
 * Run: {@code benchmarks/run.sh alert.PipelineBenchmark [samples] [chains] [nodesPerChain] [warmup]}.
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
        JsonMapper json = JsonMapper.builder().build();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create database bench");
            }
            EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 6);
            kafka.brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0"));
            kafka.afterPropertiesSet();
            String bootstrap = kafka.getBrokersAsString();
            ConfigurableApplicationContext app = new SpringApplicationBuilder(AlertServiceApplication.class).run(
                    "--server.port=0", "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "bench"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                    "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.kafka.consumer.auto-offset-reset=earliest",
                    "--spring.mail.host=127.0.0.1", "--spring.mail.port=1", "--logging.level.root=WARN",
                    "--logging.level.io.chainwatch=WARN",
                    // the service's API is not used here, but it starts only with a gateway key and a secrets key
                    "--chainwatch.security.internal-token.public-key="
                            + io.chainwatch.security.InternalKeys.encodePublic(io.chainwatch.security.InternalKeys.generate()),
                    "--chainwatch.alert.secrets.key=" + java.util.Base64.getEncoder().encodeToString(
                            java.security.SecureRandom.getSeed(32)));
            try (KafkaProducer<String, byte[]> producer = producer(bootstrap); Admin admin = admin(bootstrap)) {
                RuleStore rules = app.getBean(RuleStore.class);
                UUID org = UUID.randomUUID();
                List<NodeTarget> nodes = new ArrayList<>();
                for (int c = 0; c < chains; c++) {
                    UUID chain = UUID.randomUUID();
                    List<String> to = List.of("ops@bench.example");
                    rules.create(new ChainStalledRule(null, org, chain, 30, "critical", to));
                    rules.create(new NodeUnreachableRule(null, org, chain, 30, "critical", to));
                    rules.create(new ThresholdRule(null, org, chain, 30, "warning", to, Readings.PEER_COUNT, "<", 2.0, null));
                    rules.create(new LaggingRule(null, org, chain, 30, "warning", to, 5, null));
                    for (int n = 0; n < perChain; n++) {
                        NodeTarget t = new NodeTarget(UUID.randomUUID().toString(), "node-" + c + "-" + n,
                                org.toString(), "acme", chain.toString(), "chain-" + c, "ETHEREUM",
                                "http://127.0.0.1:1", 1000, 1, null, null, null);
                        nodes.add(t);
                        producer.send(new ProducerRecord<>(Topics.TARGETS, t.nodeId(), json.writeValueAsBytes(t)));
                    }
                }
                producer.flush();
                Thread.sleep(3000); // targets read, partitions assigned
                System.out.printf("%d chains x %d nodes, %d rules; producing %,d samples after a warm-up of %,d%n",
                        chains, perChain, chains * 4, total, warmup);
                Producing producing = new Producing(producer, json, nodes);
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
                        total / seconds, LocalDate.now(), COMMAND + (args.length > 0 ? " " + String.join(" ", args) : "")));
            } finally {
                app.close();
                kafka.destroy();
            }
        }
    }

    /** Sends samples round after round over all nodes, the block height rising by one per round. */
    private static final class Producing {
        private final KafkaProducer<String, byte[]> producer;
        private final JsonMapper json;
        private final List<NodeTarget> nodes;
        private long round;

        Producing(KafkaProducer<String, byte[]> producer, JsonMapper json, List<NodeTarget> nodes) {
            this.producer = producer;
            this.json = json;
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
                    producer.send(new ProducerRecord<>(Topics.SAMPLES, t.chainId(), json.writeValueAsBytes(s)));
                }
            }
            producer.flush();
        }
    }

    /** Waits until the alert service's committed offsets reach the end of every samples partition. */
    private static void awaitCommitted(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 6; p++) {
            latest.put(new TopicPartition(Topics.SAMPLES, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("chainwatch-alert")
                    .partitionsToOffsetAndMetadata().get();
            if (end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("samples not all evaluated within 10 minutes");
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
