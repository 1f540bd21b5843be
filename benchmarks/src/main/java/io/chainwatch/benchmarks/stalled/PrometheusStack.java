package io.chainwatch.benchmarks.stalled;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import io.chainwatch.testkit.FreePorts;

/**
 * Debian's Prometheus and Alertmanager configured aggressively — scrape and evaluation every 1 s, {@code group_wait:
 * 0s}, {@code group_interval: 1s} (so a resolution is not held for the default 5 min), a webhook receiver with
 * {@code send_resolved} — watching the same anvil through a small exporter that reads the head block on every scrape
 * ({@code chain_head_block_number}, {@code chain_head_timestamp_seconds}). The rule: {@code time() -
 * chain_head_timestamp_seconds >= 10}, i.e. the head is 10 s old: true exactly from the head's timestamp + 10 s.
 */
final class PrometheusStack implements AutoCloseable {

    static final String PROMETHEUS = "/usr/bin/prometheus";
    static final String ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
    /** How the benchmark's documentation installs them. */
    static final String INSTALL = "apt-get update && apt-get install -y prometheus prometheus-alertmanager";

    /** One webhook delivery: when it arrived and the group's status ({@code firing} or {@code resolved}). */
    record Delivery(long atMs, String status) {
    }

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"");

    private final HttpServer exporter;
    private final HttpServer webhook;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process prometheus;
    private final Process alertmanager;

    PrometheusStack(String anvilRpcUrl, Path workDir) throws IOException {
        if (!Files.isExecutable(Path.of(PROMETHEUS)) || !Files.isExecutable(Path.of(ALERTMANAGER))) {
            throw new IllegalStateException("Prometheus and Alertmanager are not installed; install them with: "
                    + INSTALL);
        }
        Path dir = Files.createDirectories(workDir.resolve("prometheus"));
        exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        exporter.createContext("/metrics", exchange -> {
            try (exchange) {
                byte[] page = metrics(anvilRpcUrl).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, page.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(page);
                }
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(503, -1);
            }
        });
        exporter.start();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        webhook.createContext("/hook", exchange -> {
            try (exchange) {
                long at = System.currentTimeMillis();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = STATUS.matcher(body);
                deliveries.add(new Delivery(at, m.find() ? m.group(1) : "unknown"));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        webhook.start();

        int amPort = FreePorts.next();
        int promPort = FreePorts.next();
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: hook
                  group_by: ['alertname']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hook
                    webhook_configs:
                      - url: http://127.0.0.1:%d/hook
                        send_resolved: true
                """.formatted(webhook.getAddress().getPort()));
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: chain
                    rules:
                      - alert: ChainStalled
                        expr: time() - chain_head_timestamp_seconds >= 10
                """);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: ['%s']
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                  - job_name: anvil
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(dir.resolve("rules.yml"), amPort, exporter.getAddress().getPort()));
        alertmanager = new ProcessBuilder(ALERTMANAGER, "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("am-data"), "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        prometheus = new ProcessBuilder(PROMETHEUS, "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("prom-data"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        awaitReady("http://127.0.0.1:" + amPort + "/-/ready");
        awaitReady("http://127.0.0.1:" + promPort + "/-/ready");
    }

    /** Deliveries with this status so far. */
    List<Delivery> deliveries(String status) {
        return deliveries.stream().filter(d -> d.status().equals(status)).toList();
    }

    private String metrics(String anvilRpcUrl) {
        String block = call(anvilRpcUrl, "eth_getBlockByNumber", "[\"latest\", false]");
        Matcher n = NUMBER.matcher(block);
        Matcher t = TIMESTAMP.matcher(block);
        if (!n.find() || !t.find()) {
            throw new IllegalStateException("no head in " + block);
        }
        return "# TYPE chain_head_block_number gauge\nchain_head_block_number " + Long.parseLong(n.group(1), 16)
                + "\n# TYPE chain_head_timestamp_seconds gauge\nchain_head_timestamp_seconds "
                + Long.parseLong(t.group(1), 16) + "\n";
    }

    /** The head block's number and timestamp (seconds) as anvil reports them. */
    long[] head(String anvilRpcUrl) {
        String block = call(anvilRpcUrl, "eth_getBlockByNumber", "[\"latest\", false]");
        Matcher n = NUMBER.matcher(block);
        Matcher t = TIMESTAMP.matcher(block);
        if (!n.find() || !t.find()) {
            throw new IllegalStateException("no head in " + block);
        }
        return new long[] {Long.parseLong(n.group(1), 16), Long.parseLong(t.group(1), 16)};
    }

    private String call(String url, String method, String params) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                            + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(String url) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(url + " not ready within 60 s");
    }

    @Override
    public void close() {
        for (Process p : List.of(prometheus, alertmanager)) {
            p.destroy();
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exporter.stop(0);
        webhook.stop(0);
    }
}
