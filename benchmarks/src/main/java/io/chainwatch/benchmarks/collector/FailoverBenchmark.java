package io.chainwatch.benchmarks.collector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.local.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code collector-failover-s}: three collector-service processes share 600 emulated nodes polled every second; one
 * is stopped (SIGTERM: it leaves the consumer group) and the longest time any node then goes without a sample on
 * {@code chainwatch.samples} is measured (the gap between two consecutive samples of a node, around the stop).
 * {@code collector-failover-crash-s}: the same when a second instance is killed (SIGKILL: the group notices it only
 * after the consumer session timeout, 10 s in the collector's settings).
 * Run: {@code benchmarks/run.sh collector.FailoverBenchmark}.
 */
public final class FailoverBenchmark {

    private static final String COMMAND = "benchmarks/run.sh collector.FailoverBenchmark";
    private static final int NODES = 600;

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path logs = Files.createTempDirectory("chainwatch-failover");
        List<String> rows = new ArrayList<>();
        Map<UUID, List<Long>> arrivals = new ConcurrentHashMap<>();
        try (Fleet fleet = new Fleet(logs)) {
            ServiceProcess a = fleet.startCollector();
            ServiceProcess b = fleet.startCollector();
            ServiceProcess c = fleet.startCollector();
            fleet.publishTargets(NODES, 1000);
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fleet.broker.getBrokersAsString(),
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.SAMPLES));
                readFor(consumer, arrivals, Duration.ofSeconds(40));
                if (arrivals.size() < NODES) {
                    throw new IllegalStateException("only " + arrivals.size() + " of " + NODES + " nodes polled; see " + logs);
                }

                long stop = System.currentTimeMillis();
                b.close();
                readFor(consumer, arrivals, Duration.ofSeconds(30));
                double clean = worstGapSeconds(arrivals, stop);
                System.out.printf("SIGTERM: longest time a node went unpolled %.2f s (interval 1 s)%n", clean);
                rows.add(Rows.row("collector-failover-s", clean, "s", COMMAND));

                long crash = System.currentTimeMillis();
                c.kill();
                readFor(consumer, arrivals, Duration.ofSeconds(40));
                double crashed = worstGapSeconds(arrivals, crash);
                System.out.printf("SIGKILL: longest time a node went unpolled %.2f s (interval 1 s)%n", crashed);
                rows.add(Rows.row("collector-failover-crash-s", crashed, "s", COMMAND));
                if (!a.isAlive()) {
                    throw new IllegalStateException("the surviving collector died; see " + logs);
                }
            }
        }
        System.out.println();
        rows.forEach(System.out::println);
    }

    private static void readFor(KafkaConsumer<String, byte[]> consumer, Map<UUID, List<Long>> arrivals,
                                Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                NodeSample sample = SampleCodec.decode(r.value());
                arrivals.computeIfAbsent(sample.nodeId(), id -> new ArrayList<>()).add(sample.polledAtMs());
            });
        }
    }

    /** The longest gap between consecutive samples of any node, among gaps that end after {@code sinceMs}. */
    private static double worstGapSeconds(Map<UUID, List<Long>> arrivals, long sinceMs) {
        long worst = 0;
        for (List<Long> times : arrivals.values()) {
            List<Long> sorted = new ArrayList<>(times);
            sorted.sort(Long::compare);
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i) > sinceMs) {
                    worst = Math.max(worst, sorted.get(i) - sorted.get(i - 1));
                }
            }
        }
        return worst / 1000.0;
    }
}
