package io.chainwatch.benchmarks.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.benchmarks.Figures;
import io.chainwatch.local.ServiceProcess;
import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.security.InternalTokenVerifier;
import io.chainwatch.testkit.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What the gateway costs, against the real registry service (its runnable jar, with embedded PostgreSQL and
 * Kafka), reading one organization ({@code GET /api/v1/organizations/{id}}):
 * <ul>
 *   <li>{@code gateway-direct-ratio}: saturation throughput through the gateway (API key checked, rate limit high)
 *       divided by direct calls to the registry, {@code concurrency} requests in flight, rounds alternating
 *       direct / gateway in the same run;</li>
 *   <li>{@code gateway-added-p50-ms} / {@code -p99-ms}: latency at a constant rate ({@code latencyRate}, 1,000
 *       requests/s unless given) through the gateway minus the same percentile direct, alternating rounds. The rate
 *       must be below the gateway's saturation on the machine, or the figure is a queue's growth.</li>
 * </ul>
 * Both services run with the JVM's default compilers and GC and {@code -Xmx512m} (not the local stack's
 * start-up options), warmed up by three alternating rounds of 10 s on every path before anything is measured.
 * Client, gateway, registry and PostgreSQL share the machine's cores. Run from the repository root:
 * {@code benchmarks/run.sh gateway.GatewayBenchmark [rounds] [secondsPerRound] [concurrency] [latencyRate]
 * [compareSettings] [compareRepo]}.
 *
 * <p>With {@code compareSettings} (gateway properties, {@code --key=value} separated by {@code ;}, or {@code -} for
 * none) a second gateway "B" runs beside the first ("A", the defaults of this build), from the runnable jar under
 * {@code compareRepo} (another checkout or a copy of {@code gateway/target}; default this repository), and every round
 * measures direct, A and B one after the other, so that a change is compared with the same machine load; B's rows are
 * named {@code gateway-b-…}.
 */
public final class GatewayBenchmark {

    private static final java.security.KeyPair INTERNAL_KEYS = InternalKeys.generate();
    private static final InternalTokenIssuer DIRECT_TOKENS = new InternalTokenIssuer(
            (java.security.interfaces.ECPrivateKey) INTERNAL_KEYS.getPrivate());

    private static final String COMMAND = "benchmarks/run.sh gateway.GatewayBenchmark";
    private static final String KEY = "bench-key";
    private static final int WARM_UP_ROUNDS = 3;
    private static final int WARM_UP_SECONDS = 10;
    /** Both services as in production: the JVM's default compilers and GC, a 512 MiB heap. */
    private static final List<String> SERVER_JVM = List.of("-Xmx512m");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        // the constant rate of the latency phase: must stay below both paths' saturation, or what is measured is
        // the queue that builds up, not the latency the gateway adds
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        List<String> compareSettings = args.length > 4 && !args[4].equals("-")
                ? List.of(args[4].split(";")) : List.of();
        boolean compare = args.length > 4;
        Path work = Files.createTempDirectory("gateway-bench");
        Path repo = Path.of("").toAbsolutePath();
        Path compareRepo = args.length > 5 ? Path.of(args[5]).toAbsolutePath() : repo;

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.afterPropertiesSet();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        int registryPort = FreePorts.next();
        int gatewayPort = FreePorts.next();
        ServiceProcess registry = ServiceProcess.of(repo, "registry-service", registryPort, List.of(
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--chainwatch.security.internal-token.public-key=" + InternalKeys.encodePublic(INTERNAL_KEYS),
                "--chainwatch.registry.secrets.allow-development-key=true", // a throw-away database
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString()), work, SERVER_JVM);
        List<String> gatewaySettings = List.of(
                "--chainwatch.gateway.api-keys=" + KEY,
                "--chainwatch.gateway.internal-token.private-key=" + InternalKeys.encodePrivate(INTERNAL_KEYS),
                "--chainwatch.gateway.rate-limit.requests=1000000000",
                "--chainwatch.gateway.registry-url=http://127.0.0.1:" + registryPort);
        ServiceProcess gateway = ServiceProcess.of(repo, "gateway", gatewayPort, gatewaySettings, work, SERVER_JVM);
        List<ServiceProcess> gateways = new ArrayList<>(List.of(gateway));
        List<String> names = new ArrayList<>(List.of("gateway"));
        if (compare) {
            List<String> settings = new ArrayList<>(gatewaySettings);
            settings.addAll(compareSettings);
            gateways.add(ServiceProcess.of(compareRepo, "gateway", FreePorts.next(), settings,
                    Files.createDirectories(work.resolve("b")), SERVER_JVM));
            names.add("gateway-b");
            System.out.println("B: " + compareRepo + " " + compareSettings);
        }
        List<String> rows = new ArrayList<>();
        try {
            registry.start();
            gateways.forEach(ServiceProcess::start);
            registry.awaitHealthy(Duration.ofSeconds(180));
            for (ServiceProcess g : gateways) {
                g.awaitHealthy(Duration.ofSeconds(180));
            }
            String orgId = createOrganization(registryPort);
            URI direct = URI.create("http://127.0.0.1:" + registryPort + "/api/v1/organizations/" + orgId);
            List<URI> viaGateways = gateways.stream().map(g -> URI.create("http://127.0.0.1:" + g.port()
                    + "/api/v1/organizations/" + orgId)).toList();

            // warm-up of every path (JIT, pools), alternating: with 5 s each the rounds still ran faster one after the
            // other up to the fifth (direct 457 -> 1,321 req/s), measuring the compilers more than the gateway
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                saturate(direct, null, concurrency, WARM_UP_SECONDS);
                for (URI via : viaGateways) {
                    saturate(via, KEY, concurrency, WARM_UP_SECONDS);
                }
            }

            double directRps = 0;
            double[] gatewayRps = new double[gateways.size()];
            for (int round = 1; round <= rounds; round++) {
                double d = saturate(direct, null, concurrency, seconds);
                directRps += d;
                StringBuilder line = new StringBuilder(String.format("round %d saturation: direct %.0f req/s", round, d));
                for (int i = 0; i < gateways.size(); i++) {
                    double g = saturate(viaGateways.get(i), KEY, concurrency, seconds);
                    gatewayRps[i] += g;
                    line.append(String.format(", %s %.0f req/s (%.2f)", names.get(i), g, g / d));
                }
                System.out.println(line);
            }
            for (int i = 0; i < gateways.size(); i++) {
                rows.add(Figures.row(names.get(i) + "-direct-ratio", gatewayRps[i] / directRps, "ratio", COMMAND));
            }

            List<Double> directLatencies = new ArrayList<>();
            List<List<Double>> gatewayLatencies = new ArrayList<>();
            gateways.forEach(g -> gatewayLatencies.add(new ArrayList<>()));
            for (int round = 1; round <= rounds; round++) {
                directLatencies.addAll(constantRate(direct, null, rate, seconds));
                for (int i = 0; i < gateways.size(); i++) {
                    gatewayLatencies.get(i).addAll(constantRate(viaGateways.get(i), KEY, rate, seconds));
                }
            }
            System.out.printf("at %d req/s: direct p50 %.2f p99 %.2f ms%n", rate,
                    Figures.percentile(directLatencies, 50), Figures.percentile(directLatencies, 99));
            for (int i = 0; i < gateways.size(); i++) {
                List<Double> latencies = gatewayLatencies.get(i);
                if (rate > gatewayRps[i] / rounds) {
                    System.out.printf("NOTE: %d req/s is above %s's saturation here (%.0f req/s): its latencies"
                            + " are mostly queueing; give a lower rate as the fourth argument%n", rate, names.get(i),
                            gatewayRps[i] / rounds);
                }
                System.out.printf("at %d req/s: %s p50 %.2f p99 %.2f ms%n", rate, names.get(i),
                        Figures.percentile(latencies, 50), Figures.percentile(latencies, 99));
                rows.add(Figures.row(names.get(i) + "-added-p50-ms", Figures.percentile(latencies, 50)
                        - Figures.percentile(directLatencies, 50), "ms", COMMAND));
                rows.add(Figures.row(names.get(i) + "-added-p99-ms", Figures.percentile(latencies, 99)
                        - Figures.percentile(directLatencies, 99), "ms", COMMAND));
            }
        } finally {
            gateways.forEach(ServiceProcess::close);
            registry.close();
            postgres.close();
            kafka.destroy();
        }
        System.out.println();
        rows.forEach(System.out::println);
    }

    /** Requests per second with {@code concurrency} requests always in flight, for {@code seconds}. */
    private static double saturate(URI uri, String key, int concurrency, int seconds) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            inFlight.acquire();
            HTTP.sendAsync(request(uri, key), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                (e == null && r.statusCode() == 200 ? ok : failed).incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failed.get() > 0) {
            System.out.printf("  %d requests failed on %s%n", failed.get(), uri.getPort());
        }
        return ok.get() / elapsed;
    }

    /** Latencies (ms) of requests sent at a constant rate, whatever the answers do (open loop). */
    private static List<Double> constantRate(URI uri, String key, int perSecond, int seconds) throws Exception {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / perSecond;
        ticker.scheduleAtFixedRate(() -> {
            long sent = System.nanoTime();
            pending.add(HTTP.sendAsync(request(uri, key), HttpResponse.BodyHandlers.discarding())
                    .thenAccept(r -> latencies.add((System.nanoTime() - sent) / 1e6)));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L);
        ticker.shutdownNow();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return new ArrayList<>(latencies);
    }

    /**
     * A direct call carries the internal token the gateway would add (the service verifies it either way), so the
     * ratio compares the gateway's own work: authentication, rate limit, signing, proxying.
     */
    private static HttpRequest request(URI uri, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (key != null) {
            builder.header("X-API-Key", key);
        } else {
            builder.header(InternalTokenVerifier.HEADER, DIRECT_TOKENS.issue(Caller.platformAdmin("user:bench"),
                    "registry-service"));
        }
        return builder.build();
    }

    private static String createOrganization(int registryPort) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + registryPort + "/api/v1/organizations"))
                .header("Content-Type", "application/json")
                .header(InternalTokenVerifier.HEADER, DIRECT_TOKENS.issue(Caller.platformAdmin("user:bench"),
                        "registry-service"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"contactEmail\":\"ops@bench.example\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("organization not created: " + response.statusCode() + " " + response.body());
        }
        return id.group(1);
    }
}
