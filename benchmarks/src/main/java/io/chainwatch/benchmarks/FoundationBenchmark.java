package io.chainwatch.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.local.ApiClient;
import io.chainwatch.local.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The foundation's figures, on the real local stack:
 * <ul>
 *   <li>{@code local-stack-start-s}: from starting the stack (the launcher, after the build) to the first sample
 *       of the registered anvil node on Kafka;</li>
 *   <li>{@code fault-to-notify-from-collector-p50-s} / {@code -p99-s}: from stopping anvil's mining to the
 *       "stalled" mail's arrival at the SMTP server, minus the rule's window, over N trials started at random
 *       moments. The window counts from the last height increase the collector saw, so this is not what a user
 *       experiences past the condition; {@code stalled.SideBySideBenchmark} measures that
 *       ({@code fault-to-notify-p50-s}, from the last head's own timestamp + the window);</li>
 *   <li>{@code local-stack-rss-mib}: resident memory of every process of the stack after it has run 5 minutes.</li>
 * </ul>
 * Run: {@code benchmarks/run.sh FoundationBenchmark [trials] [rssMinutes] [windowSeconds] [pollMs]} from the
 * repository root (rssMinutes 0: no memory reading).
 */
public final class FoundationBenchmark {

    private static final int DEFAULT_WINDOW_SECONDS = 5;
    private static final String COMMAND = "benchmarks/run.sh FoundationBenchmark";

    private FoundationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rssMinutes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_WINDOW_SECONDS;
        int pollMs = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        String command = COMMAND + " " + String.join(" ", args);
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("chainwatch-bench");
        LocalStack.Settings settings = LocalStack.Settings.ephemeral(repo, work)
                .withDevChain(false).withRules(window, 60, "bench@chainwatch.local");

        List<String> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        try (LocalStack stack = LocalStack.start(settings)) {
            String nodeId = registerAnvil(stack, pollMs);
            awaitFirstSample(stack, nodeId);
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            rows.add(Figures.row("local-stack-start-s", startSeconds, "s", command));
            System.out.printf("first sample %.1f s after start%n", startSeconds);

            List<Double> delays = faultToNotify(stack, trials, window);
            rows.add(Figures.row("fault-to-notify-from-collector-p50-s", Figures.percentile(delays, 50), "s", command));
            rows.add(Figures.row("fault-to-notify-from-collector-p99-s", Figures.percentile(delays, 99), "s", command));

            long remaining = Duration.ofMinutes(rssMinutes).toNanos() - (System.nanoTime() - t0);
            if (remaining > 0) {
                System.out.printf("waiting %.0f s more for the %d-minute memory reading%n", remaining / 1e9, rssMinutes);
                Thread.sleep(remaining / 1_000_000);
            }
            if (rssMinutes > 0) {
                rows.add(Figures.row("local-stack-rss-mib", rssMib(stack.pids()), "MiB", command));
            }
        }
        System.out.println();
        rows.forEach(System.out::println);
    }

    /** Registers the anvil node polled every {@code pollMs}, with the default rules, as a user would. */
    private static String registerAnvil(LocalStack stack, int pollMs) {
        ApiClient api = stack.api();
        String orgId = api.create("/api/v1/organizations", "{\"name\":\"bench\",\"contactEmail\":\"bench@chainwatch.local\"}");
        String chainId = api.create("/api/v1/chains", "{\"orgId\":\"" + orgId + "\",\"name\":\"anvil-bench\",\"platform\":\"ETHEREUM\"}");
        String nodeId = api.create("/api/v1/nodes", "{\"chainId\":\"" + chainId + "\",\"name\":\"anvil-1\",\"rpcUrl\":\""
                + stack.anvil().rpcUrl() + "\",\"pollIntervalMs\":" + pollMs + "}");
        stack.createDefaultRules(api, orgId, chainId);
        return nodeId;
    }

    /** Stops mining at a random moment, times the "stalled" mail, resumes and waits for "resolved". */
    private static List<Double> faultToNotify(LocalStack stack, int trials, int window) throws InterruptedException {
        Random random = new Random();
        List<Double> delays = new ArrayList<>();
        for (int i = 1; i <= trials; i++) {
            Thread.sleep(2000 + random.nextInt(1000)); // mining for a while, then a fault at a random moment
            int firingBefore = count(stack, "[FIRING] Chain stalled");
            int resolvedBefore = count(stack, "[RESOLVED] Chain stalled");
            long fault = System.nanoTime();
            stack.anvil().stopMining();
            awaitTrue(() -> count(stack, "[FIRING] Chain stalled") > firingBefore, Duration.ofSeconds(window + 30));
            double delay = (System.nanoTime() - fault) / 1e9 - window;
            delays.add(delay);
            System.out.printf("trial %d: stalled mail %.3f s past the %d s window%n", i, delay, window);
            stack.anvil().resumeMining(1);
            awaitTrue(() -> count(stack, "[RESOLVED] Chain stalled") > resolvedBefore, Duration.ofSeconds(30));
        }
        return delays;
    }

    private static int count(LocalStack stack, String subjectPrefix) {
        return (int) stack.mail().messages().stream().filter(m -> m.subject().startsWith(subjectPrefix)).count();
    }

    private static void awaitTrue(Supplier<Boolean> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitFirstSample(LocalStack stack, String nodeId) throws InterruptedException {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SAMPLES));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(50))) {
                    if (record.value() != null
                            && nodeId.equals(SampleCodec.decode(record.value()).nodeId().toString())) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("no sample within 2 minutes");
    }

    /** Sum of VmRSS over the given processes, from /proc. */
    static double rssMib(List<Long> pids) throws IOException {
        long kib = 0;
        for (long pid : pids) {
            Path status = Path.of("/proc", Long.toString(pid), "status");
            if (!Files.exists(status)) {
                continue;
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        return kib / 1024.0;
    }
}
