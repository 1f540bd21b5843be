package io.chainwatch.collector.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on loopback (JDK {@code com.sun.net.httpserver}) whose answers a test decides. */
public final class LocalHttpServer implements AutoCloseable {

    /** An answer: status, content type, body. */
    public record Answer(int status, String contentType, String body) {
        public static Answer json(String body) {
            return new Answer(200, "application/json", body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private LocalHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server answering every request with {@code handler(path)} (GET endpoints: metrics, health). */
    public static LocalHttpServer byPath(Function<String, Answer> handler) {
        return start(handler, true);
    }

    /** Starts a server answering every POST with {@code handler(requestBody)}. */
    public static LocalHttpServer start(Function<String, Answer> handler) {
        return start(handler, false);
    }

    private static LocalHttpServer start(Function<String, Answer> handler, boolean byPath) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "local-http");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String request;
                    try (InputStream in = exchange.getRequestBody()) {
                        request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    Answer answer = handler.apply(byPath ? exchange.getRequestURI().getPath() : request);
                    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
                    exchange.sendResponseHeaders(answer.status(), body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
            return new LocalHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server answering every request (any method) {@code 302 Found} with {@code Location: <to> + path}, e.g. to
     * another local server that must not be reached.
     */
    public static LocalHttpServer redirecting(String to) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "local-http-redirect");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Location", to + exchange.getRequestURI().getPath());
                    exchange.sendResponseHeaders(302, -1);
                }
            });
            server.start();
            return new LocalHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that reads the request and never answers (until closed). */
    public static LocalHttpServer hanging() {
        return start(request -> {
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Answer(500, "text/plain", "closed");
        });
    }

    /**
     * A server answering every request 200 with a JSON-RPC-looking body of {@code bytes} bytes, streamed chunked as
     * fast as the client reads (a string result that never ends within the limit).
     */
    public static LocalHttpServer streaming(long bytes) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "local-http-stream");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, 0); // chunked, no length
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'a');
                    byte[] head = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"".getBytes(StandardCharsets.UTF_8);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(head);
                        for (long sent = head.length; sent < bytes; sent += chunk.length) {
                            out.write(chunk);
                        }
                    } catch (IOException clientGaveUp) {
                        // the client stopped reading: what a limit is for
                    }
                }
            });
            server.start();
            return new LocalHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
