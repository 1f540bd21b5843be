package io.chainwatch.testkit.fabric;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A TEST ORDERER, not Fabric: two real HTTP servers on loopback answering what a real Fabric 2.5.5 orderer
 * (etcdraft, one consenter, channels {@code mychannel} and {@code other}) answered ({@link FabricFixtures}, bodies
 * and content types as captured):
 * <ul>
 *   <li>the operations endpoint: {@code GET /metrics} ({@link #METRICS_TWO_CHANNELS} by default, or another capture:
 *       {@link #METRICS_RESTART_EARLY} without a Raft leader, {@link #METRICS_AFTER_RESTART_TX}), {@code /healthz},
 *       {@code /version};</li>
 *   <li>the channel participation API on its own port: {@code GET /participation/v1/channels} and
 *       {@code /participation/v1/channels/{name}} ({@code mychannel}, {@code other}; any other name the captured
 *       404 {@code {"error":"channel does not exist"}}).</li>
 * </ul>
 * Plain HTTP on both (a real orderer's admin port wants mutual TLS: the collector's https client is the one used
 * there, this server does not check it). {@link #stop()} closes both ports, as a killed orderer; {@link #restart()}
 * opens them again on the same ports. No ordering, no gRPC.
 */
public final class TestOrderer implements AutoCloseable {

    /** {@code /metrics} with both channels led by this orderer (heights 11 and 7). */
    public static final String METRICS_TWO_CHANNELS = "orderer-metrics-two-channels.txt";
    /** {@code /metrics} 0.5 s after a restart: no Raft leader on either channel ({@code is_leader} and {@code active_nodes} 0). */
    public static final String METRICS_RESTART_EARLY = "orderer-metrics-restart-early.txt";
    /** {@code /metrics} after the restart, leaders elected, {@code active_nodes} still 0 on {@code other}. */
    public static final String METRICS_AFTER_RESTART = "orderer-metrics-after-restart.txt";
    /** {@code /metrics} after one transaction round per channel since the restart (broadcast counts 2 and 2). */
    public static final String METRICS_AFTER_RESTART_TX = "orderer-metrics-after-restart-tx.txt";

    private static final String PARTICIPATION = "/participation/v1/channels";

    private final int operationsPort;
    private final int adminPort;
    private HttpServer operations;
    private HttpServer admin;
    private ExecutorService executor;
    private volatile String metrics = FabricFixtures.text(METRICS_TWO_CHANNELS);
    private final Map<String, String> channelInfo = new ConcurrentHashMap<>();

    private TestOrderer(int operationsPort, int adminPort) {
        channelInfo.put("mychannel", FabricFixtures.text("osnadmin-info-mychannel-two-channels.json"));
        channelInfo.put("other", FabricFixtures.text("osnadmin-info-other-two-channels.json"));
        open(operationsPort, adminPort);
        this.operationsPort = operations.getAddress().getPort();
        this.adminPort = admin.getAddress().getPort();
    }

    /** Starts on free loopback ports. */
    public static TestOrderer start() {
        return new TestOrderer(0, 0);
    }

    private synchronized void open(int operationsPort, int adminPort) {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-orderer");
            t.setDaemon(true);
            return t;
        });
        try {
            operations = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), operationsPort), 0);
            admin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), adminPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the test orderer could not listen", e);
        }
        operations.setExecutor(executor);
        admin.setExecutor(executor);
        operations.createContext("/", this::answerOperations);
        admin.createContext("/", this::answerAdmin);
        operations.start();
        admin.start();
    }

    /** From now on {@code /metrics} answers the capture {@code fixture}. */
    public TestOrderer serveMetrics(String fixture) {
        metrics = FabricFixtures.text(fixture);
        return this;
    }

    /** The operations endpoint's {@code /metrics} URL. */
    public String metricsUrl() {
        return "http://127.0.0.1:" + operationsPort + "/metrics";
    }

    /** The channel participation API's base URL ({@code http://127.0.0.1:port}, no path). */
    public String participationUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    /** Closes both ports, as a killed orderer process. */
    public synchronized void stop() {
        if (operations != null) {
            operations.stop(0);
            admin.stop(0);
            executor.shutdownNow();
            operations = null;
            admin = null;
        }
    }

    /** Opens both ports again, after {@link #stop()}. */
    public synchronized void restart() {
        if (operations == null) {
            open(operationsPort, adminPort);
        }
    }

    private void answerOperations(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics);
            case "/healthz" -> send(exchange, 200, "application/json",
                    FabricFixtures.text("orderer-healthz-two-channels.json"));
            case "/version" -> send(exchange, 200, "application/json", FabricFixtures.text("orderer-version.json"));
            default -> send(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
        }
    }

    private void answerAdmin(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (PARTICIPATION.equals(path)) {
            send(exchange, 200, "application/json", FabricFixtures.text("osnadmin-list-two-channels.json"));
        } else if (path.startsWith(PARTICIPATION + "/")) {
            String info = channelInfo.get(path.substring(PARTICIPATION.length() + 1));
            if (info == null) {
                send(exchange, 404, "application/json", FabricFixtures.text("osnadmin-info-ghost-404.json"));
            } else {
                send(exchange, 200, "application/json", info);
            }
        } else {
            send(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
