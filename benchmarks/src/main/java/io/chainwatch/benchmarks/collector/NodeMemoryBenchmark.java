package io.chainwatch.benchmarks.collector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.chainwatch.local.ApiClient;
import io.chainwatch.local.LocalStack;
import io.chainwatch.local.ServiceProcess;

import static io.chainwatch.testkit.Ids.id;

/**
 * {@code collector-rss-kib-per-node}: what one more monitored node costs the collector in resident memory, on the real
 * local stack (its JVM options) with real nodes registered through the API: nodes polled every second against the
 * stack's anvil, {@code first} of them, then {@code second}; the collector's VmRSS is read at each level after it has
 * polled them all for {@code settleSeconds} (the mean of three readings 5 s apart), and the difference divided by the
 * nodes added. Also printed: the collector's thread count at each level ({@code /proc/<pid>/status}).
 *
 * <p>With {@code direct} as fourth argument, no local stack: one collector-service process (the local stack's JVM
 * options) and an embedded Kafka broker, the targets published to {@code chainwatch.targets} as the registry's outbox
 * publishes them, against one real anvil; measured twice, with WebSocket heads (the default) and without
 * ({@code chainwatch.collector.websocket-heads=false}), to show what the per-node WebSocket subscription costs.
 *
 * <p>Run: {@code benchmarks/run.sh collector.NodeMemoryBenchmark [first] [second] [settleSeconds] [direct]} from the
 * repository root.
 */
public final class NodeMemoryBenchmark {

    private static final String COMMAND = "benchmarks/run.sh collector.NodeMemoryBenchmark";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private NodeMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int first = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int second = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int settleSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 90;
        if (args.length > 3 && "direct".equals(args[3])) {
            direct(first, second, settleSeconds);
            return;
        }
        Path repo = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("chainwatch-node-memory");
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(repo, work).withDevChain(true))) {
            ApiClient api = stack.api();
            ServiceProcess collector = stack.service("collector-service");
            String chainId = stack.devChain().chainId();
            String rpcUrl = stack.anvil().rpcUrl();
            double[] rss = new double[2];
            int[] levels = {first, second};
            int registered = 0;
            // the default quota is 200 nodes per organization: a platform admin raises it, as an operator would
            ApiClient.Response raised = api.put("/api/v1/organizations/" + stack.devChain().orgId() + "/quotas",
                    "{\"nodes\": " + (second + 10) + "}");
            if (raised.status() != 200) {
                throw new IllegalStateException("raising the node quota answered " + raised.status() + ": "
                        + raised.body());
            }
            for (int level = 0; level < 2; level++) {
                while (registered < levels[level]) {
                    ApiClient.Response created = api.post("/api/v1/nodes", "{\"chainId\": \"" + chainId
                            + "\", \"name\": \"bench-" + registered + "\", \"rpcUrl\": \"" + rpcUrl
                            + "\", \"pollIntervalMs\": 1000}");
                    if (created.status() == 429) {
                        // the gateway's rate limit (600 requests a minute per key by default): wait and try again
                        Thread.sleep(2000);
                        continue;
                    }
                    if (created.status() != 201) {
                        throw new IllegalStateException("POST /api/v1/nodes answered " + created.status() + ": "
                                + created.body());
                    }
                    registered++;
                }
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (Fleet.metric(scrape(collector), "chainwatch_collector_nodes", null) < registered + 1) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the collector did not take " + registered + " nodes");
                    }
                    Thread.sleep(1000);
                }
                Thread.sleep(settleSeconds * 1000L);
                double sum = 0;
                for (int i = 0; i < 3; i++) {
                    sum += Rows.rssMib(collector.pid());
                    Thread.sleep(5000);
                }
                rss[level] = sum / 3;
                System.out.printf("%d nodes (+ the dev node): collector VmRSS %.0f MiB, %s threads%n", registered,
                        rss[level], threads(collector.pid()));
                System.out.println(jcmd(collector.pid(), "GC.heap_info"));
                System.out.println(jcmd(collector.pid(), "VM.native_memory", "summary"));
                // live objects by class (forces a full GC): what each node keeps
                System.out.println(String.join("\n", jcmd(collector.pid(), "GC.class_histogram").lines().limit(40)
                        .toList()));
            }
            double kibPerNode = (rss[1] - rss[0]) * 1024 / (second - first);
            List<String> rows = new ArrayList<>();
            rows.add(Rows.row("collector-rss-kib-per-node", kibPerNode, "KiB/node", COMMAND + " " + first + " " + second
                    + " " + settleSeconds));
            System.out.println();
            rows.forEach(System.out::println);
        }
    }

    private static void direct(int first, int second, int settleSeconds) throws Exception {
        List<String> rows = new ArrayList<>();
        try (io.chainwatch.testkit.Anvil anvil = io.chainwatch.testkit.Anvil.start(1, null)) {
            for (boolean websocket : new boolean[] {true, false}) {
                Path logs = Files.createTempDirectory("chainwatch-node-memory-direct");
                try (Fleet fleet = new Fleet(logs)) {
                    ServiceProcess collector = fleet.startCollector(
                            "--chainwatch.collector.websocket-heads=" + websocket);
                    double[] rss = new double[2];
                    int[] levels = {first, second};
                    for (int level = 0; level < 2; level++) {
                        publish(fleet, levels[level], anvil.rpcUrl());
                        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                        while (fleet.metric(collector, "chainwatch_collector_nodes", null) < levels[level]) {
                            if (System.nanoTime() > deadline) {
                                throw new IllegalStateException("the collector did not take " + levels[level] + " nodes");
                            }
                            Thread.sleep(1000);
                        }
                        Thread.sleep(settleSeconds * 1000L);
                        double sum = 0;
                        for (int i = 0; i < 3; i++) {
                            sum += Rows.rssMib(collector.pid());
                            Thread.sleep(5000);
                        }
                        rss[level] = sum / 3;
                        System.out.printf("websocket heads %s, %d nodes: collector VmRSS %.0f MiB, %s threads%n",
                                websocket ? "on" : "off", levels[level], rss[level], threads(collector.pid()));
                    }
                    double kibPerNode = (rss[1] - rss[0]) * 1024 / (second - first);
                    rows.add(Rows.row("collector-rss-kib-per-node" + (websocket ? "" : "-no-websocket"), kibPerNode,
                            "KiB/node", COMMAND + " " + first + " " + second + " " + settleSeconds + " direct"));
                }
            }
        }
        System.out.println();
        rows.forEach(System.out::println);
    }

    /** Targets node-0 … node-(count − 1) of one chain, all at {@code rpcUrl}, polled every second. */
    private static void publish(Fleet fleet, int count, String rpcUrl) throws Exception {
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(java.util.Map.of(
                             "bootstrap.servers", fleet.broker.getBrokersAsString(),
                             "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class,
                             "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class))) {
            tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
            for (int i = 0; i < count; i++) {
                String name = "node-" + i;
                io.chainwatch.events.NodeTarget target = new io.chainwatch.events.NodeTarget(id(name), name,
                        id("org-1"), "bench", id("chain-1"), "anvil", "ETHEREUM", rpcUrl, 1000, 1, null, null, null);
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                        io.chainwatch.events.Topics.TARGETS, target.nodeId().toString(),
                        json.writeValueAsString(target)));
            }
            producer.flush();
        }
    }

    private static String scrape(ServiceProcess collector) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(collector.managementUrl() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** What {@code jcmd <pid> <command>} prints (where the memory is: heap, threads, metaspace ...). */
    private static String jcmd(long pid, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static String threads(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return line.substring(8).trim();
            }
        }
        return "?";
    }
}
