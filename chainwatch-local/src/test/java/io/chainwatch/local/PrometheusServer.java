package io.chainwatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.chainwatch.testkit.FreePorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's {@code prometheus} package; {@code .ci/run} installs it) scraping the local stack
 * with the jobs of {@code prometheus/prometheus.yml} and its rule files, only the addresses changed: the services'
 * jobs, and job {@value #FABRIC_OPERATIONS_JOB} with one static target (a Fabric operations endpoint and the labels
 * {@code org}, {@code chain}, {@code node} that prometheus.yml's targets files give each target) instead of files.
 */
final class PrometheusServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The job of prometheus.yml that scrapes Fabric operations endpoints. */
    static final String FABRIC_OPERATIONS_JOB = "fabric-operations";

    /** A Fabric peer's or orderer's operations endpoint ({@code host:port}) and the names it is registered under. */
    record FabricOperations(String hostPort, String org, String chain, String node) {
    }

    private final Process process;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Whether the prometheus binary is installed (apt-get install -y prometheus). */
    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/prometheus"));
    }

    /** Starts Prometheus scraping {@code jobs} (job name → host:port) every second, with the repository's rules. */
    static PrometheusServer start(Path repoRoot, Map<String, String> jobs, Path workDir) throws IOException {
        return start(repoRoot, jobs, null, workDir);
    }

    /** As {@link #start(Path, Map, Path)}, and job {@value #FABRIC_OPERATIONS_JOB} for {@code fabric} unless null. */
    static PrometheusServer start(Path repoRoot, Map<String, String> jobs, FabricOperations fabric, Path workDir)
            throws IOException {
        String scrapeConfigs = jobs.entrySet().stream().map(job -> """
                  - job_name: %s
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["%s"]
                """.formatted(job.getKey(), job.getValue())).collect(Collectors.joining());
        if (fabric != null) {
            scrapeConfigs += """
                  - job_name: %s
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["%s"]
                        labels: {org: "%s", chain: "%s", node: "%s"}
                """.formatted(FABRIC_OPERATIONS_JOB, fabric.hostPort(), fabric.org(), fabric.chain(), fabric.node());
        }
        Path config = workDir.resolve("prometheus-test.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s/prometheus/rules/*.yml
                scrape_configs:
                %s""".formatted(repoRoot, scrapeConfigs));
        int port = FreePorts.next();
        Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port);
        server.awaitReady();
        return server;
    }

    /** An instant query; returns the {@code data.result} array. Fails on a query error. */
    JsonNode query(String promql) {
        JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(body.get("status").asString())) {
            throw new IllegalArgumentException(promql + ": " + body);
        }
        return body.get("data").get("result");
    }

    /** Values of a label among the series of {@code match} (Grafana's label_values()). */
    List<String> labelValues(String label, String match) {
        JsonNode data = get("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8)).get("data");
        return data.valueStream().map(JsonNode::asString).toList();
    }

    /** The health of every scrape target, by job. */
    Map<String, String> targetHealth() {
        JsonNode active = get("/api/v1/targets").get("data").get("activeTargets");
        return active.valueStream().collect(Collectors.toMap(t -> t.get("labels").get("job").asString(),
                t -> t.get("health").asString(), (a, b) -> a + "," + b));
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        org.awaitility.Awaitility.await("prometheus ready").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("prometheus exited with " + process.exitValue());
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false; // starting
                    }
                });
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
