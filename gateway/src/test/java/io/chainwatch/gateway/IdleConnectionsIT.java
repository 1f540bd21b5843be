package io.chainwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service that gives up idle kept-alive connections (Tomcat after its keep-alive timeout, a load balancer or
 * firewall after its idle timeout) must not turn the gateway's next request into an error. The stand-in service
 * here, a plain socket server speaking HTTP/1.1, answers with keep-alive, and drops a connection that stayed idle
 * longer than {@link #SERVICE_IDLE} when the next request arrives on it, without answering: what the gateway sees
 * when its request crosses the service's close, or reaches a connection a middlebox forgot. With the gateway's
 * default pool settings (idle connections closed after {@code httpclient.pool.max-idle-time}, 10 s), such a
 * connection is never reused: every request is answered 200. The caller's key is an organization's key, which the
 * gateway verifies with the registry ({@code POST /internal/api-keys/verify}, remembered 10 s): that call goes through
 * the same pool as the proxied ones and must not fail either. A request to a path containing
 * {@code closes-without-answering} is always dropped: the caller gets a 502 problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdleConnectionsIT {

    /** Longer than the gateway's default max-idle-time, shorter than Tomcat's default keep-alive timeout (60 s). */
    private static final Duration SERVICE_IDLE = Duration.ofSeconds(11);
    /** An organization's key, in the registry's format: the gateway asks the registry who it is. */
    private static final String KEY = "cw_abcdefgh_" + "k".repeat(43);
    private static final DroppingService SERVICE = new DroppingService();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainwatch.gateway.internal-token.private-key", io.chainwatch.testkit.TestCallers::privateKey);
        registry.add("chainwatch.gateway.registry-url", () -> "http://127.0.0.1:" + SERVICE.port());
    }

    @AfterAll
    static void stopService() throws IOException {
        SERVICE.close();
    }

    @Test
    void aRequestAfterTheServiceDroppedAnIdleConnectionIsAnswered() throws Exception {
        assertThat(get().statusCode()).isEqualTo(200);
        int connections = SERVICE.connections.get();
        assertThat(get().statusCode()).isEqualTo(200);
        assertThat(SERVICE.connections.get()).as("the second request reused the first one's connection")
                .isEqualTo(connections);

        int verified = SERVICE.verifications.get();
        // the idle time itself is what is tested, and nothing shows it passing: the gateway's pool finds a connection
        // too old when it next leases it (no eviction in the background), so there is no condition to wait for
        Thread.sleep(SERVICE_IDLE.plusSeconds(1).toMillis());

        HttpResponse<String> afterIdle = get();   // the key is verified again, then the request proxied
        assertThat(afterIdle.statusCode()).as("answer after the idle time: %s", afterIdle.body()).isEqualTo(200);
        assertThat(SERVICE.verifications.get()).as("the key was verified again after the idle time")
                .isEqualTo(verified + 1);
        assertThat(SERVICE.dropped.get()).as("requests that reached a connection the service had given up")
                .isZero();
        assertThat(SERVICE.connections.get()).as("new connections").isGreaterThan(connections);
    }

    @Test
    void aServiceThatClosesWithoutAnsweringIsABadGatewayProblem() throws Exception {
        HttpResponse<String> closed = get("/api/v1/chains/closes-without-answering");
        assertThat(closed.statusCode()).isEqualTo(502);
        assertThat(closed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(closed.body()).contains("The registry service closed the connection without answering");
    }

    private HttpResponse<String> get() throws Exception {
        return get("/api/v1/chains");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-API-Key", KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * HTTP/1.1 with keep-alive on a plain socket, one thread per connection: the key's verification is answered with
     * an organization admin's key, anything else with {@code []}.
     */
    private static final class DroppingService implements AutoCloseable {

        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();
        final AtomicInteger verifications = new AtomicInteger();
        private final ServerSocket server;

        DroppingService() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread acceptor = new Thread(this::accept, "dropping-service");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread connection = new Thread(() -> serve(socket), "dropping-service-connection");
                    connection.setDaemon(true);
                    connection.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                long lastAnswer = System.nanoTime();
                String requestLine = null;
                int contentLength = 0;
                String line;
                while ((line = in.readLine()) != null) {
                    if (requestLine == null) {
                        requestLine = line;
                    } else if (line.toLowerCase().startsWith("content-length:")) {
                        contentLength = Integer.parseInt(line.substring(15).strip());
                    } else if (line.isEmpty()) { // end of a request's headers
                        in.skip(contentLength);   // ASCII JSON: one char per byte
                        String request = requestLine;
                        requestLine = null;
                        contentLength = 0;
                        if (request.contains("closes-without-answering")) {
                            return;
                        }
                        if (System.nanoTime() - lastAnswer > SERVICE_IDLE.toNanos()) {
                            dropped.incrementAndGet();
                            return; // given up while idle: closed, unanswered
                        }
                        String json = "[]";
                        if (request.startsWith("POST /internal/api-keys/verify ")) {
                            verifications.incrementAndGet();
                            json = """
                                    {"keyId":"%s","orgId":"%s","role":"ORG_ADMIN","prefix":"abcdefgh"}"""
                                    .formatted(UUID.nameUUIDFromBytes(new byte[] {1}),
                                            UUID.nameUUIDFromBytes(new byte[] {2}));
                        }
                        byte[] body = json.getBytes(StandardCharsets.US_ASCII);
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.flush();
                        lastAnswer = System.nanoTime();
                    }
                }
            } catch (IOException e) {
                // the gateway closed the connection
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
