package io.chainwatch.testkit.fabric;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The operations endpoint of the TEST PEER ({@link TestFabricPeer}), not of Fabric: a real HTTP server on loopback
 * answering {@code GET /metrics}, {@code GET /healthz} and {@code GET /version} with what a real Fabric 2.5.5 peer answered
 * ({@link FabricFixtures}: the bodies and content types as captured; {@code /healthz} with the captured status).
 * The texts are captures, not live: {@code /metrics} does not follow the test peer's height. Anything else is 404,
 * as on a peer.
 */
public final class TestPeerOperations implements AutoCloseable {

    /** The peer's {@code /metrics} after all transactions of the capture (height 8, one MVCC_READ_CONFLICT). */
    public static final String METRICS_AFTER_TX = "peer-metrics-after-tx.txt";
    /** The peer's {@code /metrics} on channels {@code mychannel} (height 11) and {@code other} (height 7). */
    public static final String METRICS_TWO_CHANNELS = "peer-metrics-two-channels.txt";
    /** The same peer 12 s after its orderer stopped (heights 11 and 7 still). */
    public static final String METRICS_ORDERER_DOWN_TWO_CHANNELS = "peer-metrics-orderer-down-two-channels.txt";
    /** The same peer after the orderer's restart and one transaction round per channel (heights 13 and 9). */
    public static final String METRICS_AFTER_ORDERER_RESTART_TX = "peer-metrics-after-orderer-restart-tx.txt";
    /** The peer's healthy {@code /healthz} (HTTP 200). */
    public static final String HEALTHZ_OK = "peer-healthz.json";
    /** The peer's {@code /healthz} while its Docker endpoint was unreachable (came with HTTP 503). */
    public static final String HEALTHZ_503_DOCKER = "peer-healthz-503-docker.json";

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile String metrics = FabricFixtures.text(METRICS_AFTER_TX);
    private volatile String health = FabricFixtures.text(HEALTHZ_OK);
    private volatile int healthStatus = 200;

    private TestPeerOperations(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("operations endpoint could not listen on port " + port, e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-peer-operations");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Starts on a free loopback port, serving {@link #METRICS_AFTER_TX} and {@link #HEALTHZ_OK}. */
    public static TestPeerOperations start() {
        return new TestPeerOperations(0);
    }

    /** Starts on the given loopback port (0: a free one). */
    public static TestPeerOperations start(int port) {
        return new TestPeerOperations(port);
    }

    /** From now on {@code /metrics} answers the capture {@code fixture} (e.g. {@code peer-metrics-start.txt}). */
    public TestPeerOperations serveMetrics(String fixture) {
        metrics = FabricFixtures.text(fixture);
        return this;
    }

    /** From now on {@code /healthz} answers the capture {@code fixture} with HTTP {@code status}. */
    public TestPeerOperations serveHealth(String fixture, int status) {
        health = FabricFixtures.text(fixture);
        healthStatus = status;
        return this;
    }

    /** {@code http://127.0.0.1:port}, without a path. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code host:port}, as a Prometheus scrape target. */
    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            boolean get = "GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod());
            int status;
            String type;
            String body;
            if (get && "/metrics".equals(path)) {
                status = 200;
                type = "text/plain; version=0.0.4; charset=utf-8";
                body = metrics;
            } else if (get && "/version".equals(path)) {
                status = 200;
                type = "application/json";
                body = FabricFixtures.text("peer-version.json");
            } else if (get && "/healthz".equals(path)) {
                status = healthStatus;
                type = "application/json";
                body = health;
            } else {
                status = 404;
                type = "text/plain; charset=utf-8";
                body = "404 page not found\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
