package io.chainwatch.benchmarks.stalled;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;
import io.chainwatch.benchmarks.Figures;
import io.chainwatch.local.ApiClient;
import io.chainwatch.local.LocalStack;
import io.chainwatch.local.ServiceProcess;

/**
 * Recovery after faults, on the real local stack, with a webhook receiver and N rules firing at
 * once (default 40), each rule one message:
 * <ol>
 *   <li><b>receiver outage</b>: the receiver answers 503 while N {@code node_unreachable} rules fire on a node that
 *       is down; after {@code outageSeconds} (their backoffs have grown apart) it answers again:
 *       {@code endpoint-recovery-s} = from then to the last waiting message's arrival;</li>
 *   <li><b>kill -9 and restart of alert-service</b>: N more rules watch a healthy node (anvil behind a proxy);
 *       alert-service is killed (SIGKILL) and started again; once it is healthy the node goes down:
 *       {@code restart-to-alert-s} = from the restarted service being healthy to the first of the N alerts at the
 *       receiver (the rules' {@code forSeconds} of 1 and the 250 ms evaluation tick included).</li>
 * </ol>
 * Both phases check that every message arrived exactly once (by its {@code Idempotency-Key}): lost and duplicate
 * counts are printed.
 * Run: {@code benchmarks/run.sh stalled.RecoveryBenchmark [rules] [outageSeconds]} (defaults 40, 30).
 */
public final class RecoveryBenchmark {

    private static final String COMMAND = "benchmarks/run.sh stalled.RecoveryBenchmark";

    private RecoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rules = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int outageSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String command = COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args));
        Path work = Files.createTempDirectory("chainwatch-recovery");
        List<String> rows = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(Path.of("").toAbsolutePath(), work)
                .withDevChain(false));
             Receiver receiver = new Receiver();
             HttpOnlyProxy node2 = new HttpOnlyProxy(stack.anvil().rpcUrl())) {
            ApiClient api = stack.api();
            String org = api.create("/api/v1/organizations", "{\"name\":\"recovery\",\"contactEmail\":\"r@chainwatch.local\"}");
            api.create("/api/v1/receivers", "{\"orgId\":\"" + org + "\",\"name\":\"hook\",\"channel\":\"webhook\","
                    + "\"address\":\"" + receiver.url() + "\"}");
            String chain = api.create("/api/v1/chains", "{\"orgId\":\"" + org + "\",\"name\":\"recovery\",\"platform\":\"ETHEREUM\"}");

            // phase 1: the receiver is down while N alerts fire
            receiver.down = true;
            api.create("/api/v1/nodes", "{\"chainId\":\"" + chain + "\",\"name\":\"down-1\",\"rpcUrl\":\"http://127.0.0.1:9\","
                    + "\"pollIntervalMs\":1000}");
            for (int i = 0; i < rules; i++) {
                rule(api, org, chain);
            }
            await(() -> receiver.attemptedKeys() >= rules, Duration.ofMinutes(3), "every message tried once");
            System.out.printf(Locale.ROOT, "all %d messages failed at least once; receiver stays down %d s%n", rules,
                    outageSeconds);
            Thread.sleep(outageSeconds * 1000L);
            long upAt = System.currentTimeMillis();
            receiver.down = false;
            await(() -> receiver.accepted.size() >= rules, Duration.ofMinutes(3), "the waiting messages");
            double recovery = (receiver.lastAcceptedMs() - upAt) / 1000.0;
            Thread.sleep(3000);
            System.out.printf(Locale.ROOT, "receiver outage: all %d waiting messages %.3f s after it answered again; "
                    + "lost %d, duplicates %d%n", rules, recovery, rules - receiver.accepted.size(), receiver.duplicates());
            rows.add(Figures.row("endpoint-recovery-s", recovery, "s", command));

            // phase 2: kill -9 and restart, then N alerts on a node that goes down
            String chain2 = api.create("/api/v1/chains", "{\"orgId\":\"" + org + "\",\"name\":\"recovery-2\",\"platform\":\"ETHEREUM\"}");
            api.create("/api/v1/nodes", "{\"chainId\":\"" + chain2 + "\",\"name\":\"node-2\",\"rpcUrl\":\"" + node2.url()
                    + "\",\"pollIntervalMs\":1000}");
            for (int i = 0; i < rules; i++) {
                rule(api, org, chain2);
            }
            Thread.sleep(10_000); // the rules are read, the node is healthy
            int before = receiver.accepted.size();
            ServiceProcess alert = stack.service("alert-service");
            long killedAt = System.currentTimeMillis();
            alert.kill();
            alert.start();
            alert.awaitHealthy(Duration.ofMinutes(5));
            long healthyAt = System.currentTimeMillis();
            node2.fail(true);
            await(() -> receiver.accepted.size() > before, Duration.ofMinutes(3), "the first alert after the restart");
            double resumed = (receiver.firstAcceptedAfter(healthyAt) - healthyAt) / 1000.0;
            await(() -> receiver.accepted.size() >= before + rules, Duration.ofMinutes(3), "all alerts after the restart");
            Thread.sleep(3000);
            System.out.printf(Locale.ROOT, "kill -9 and restart: healthy again %.1f s after the kill; first alert %.3f s "
                    + "after that; %d of %d arrived; duplicates %d%n", (healthyAt - killedAt) / 1000.0, resumed,
                    receiver.accepted.size() - before, rules, receiver.duplicates());
            rows.add(Figures.row("restart-to-alert-s", resumed, "s", command));
            rows.add(Figures.row("recovery-lost", 2 * rules - receiver.accepted.size(), "messages", command));
            rows.add(Figures.row("recovery-duplicates", receiver.duplicates(), "messages", command));
        }
        System.out.println();
        rows.forEach(System.out::println);
    }

    private static void rule(ApiClient api, String org, String chain) {
        api.create("/api/v1/rules", "{\"type\":\"node_unreachable\",\"orgId\":\"" + org + "\",\"chainId\":\"" + chain
                + "\",\"forSeconds\":1,\"severity\":\"critical\",\"emailTo\":[\"r@chainwatch.local\"]}");
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not within " + timeout);
            }
            Thread.sleep(5);
        }
    }

    /** A webhook receiver: 503 while down, else 200; remembers each message by its Idempotency-Key. */
    private static final class Receiver implements AutoCloseable {
        final Map<String, Long> accepted = new ConcurrentHashMap<>();
        final Map<String, Integer> times = new ConcurrentHashMap<>();
        final Map<String, Boolean> attempted = new ConcurrentHashMap<>();
        volatile boolean down;
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/hook", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    if (key != null) {
                        attempted.put(key, true);
                    }
                    if (down || key == null) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    accepted.putIfAbsent(key, System.currentTimeMillis());
                    times.merge(key, 1, Integer::sum);
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int attemptedKeys() {
            return attempted.size();
        }

        long lastAcceptedMs() {
            return accepted.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        }

        long firstAcceptedAfter(long ms) {
            return accepted.values().stream().mapToLong(Long::longValue).filter(t -> t >= ms).min().orElseThrow();
        }

        int duplicates() {
            return times.values().stream().mapToInt(n -> n - 1).sum();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
