package io.chainwatch.benchmarks.stalled;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A node that offers JSON-RPC over HTTP only: forwards each POST to anvil and answers anything else (a WebSocket
 * upgrade) with 405, so the collector finds no WebSocket and polls for heads. {@link #fail(boolean)} makes it answer
 * 503 to everything (a node that went down); {@link #close()} refuses connections (a node whose process was killed).
 */
final class HttpOnlyProxy implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean failing;

    HttpOnlyProxy(String target) throws IOException {
        this(target, 0);
    }

    /** On a given port (0: any free one): closed and opened again on the same port, it plays a node killed and restarted. */
    HttpOnlyProxy(String target, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http-only-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                if (failing) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(URI.create(target))
                                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the node or the caller went away
            }
        });
        server.start();
    }

    /** From now on answers every request with 503 (true) or forwards again (false). */
    void fail(boolean failing) {
        this.failing = failing;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
