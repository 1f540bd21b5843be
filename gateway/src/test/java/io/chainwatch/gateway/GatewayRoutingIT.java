package io.chainwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of a real HTTP server standing in for the registry and alert services: routing by path,
 * API-key enforcement, and the key not leaking downstream.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

    private static final String KEY = "test-key-123";
    private static final CopyOnWriteArrayList<String> SEEN = new CopyOnWriteArrayList<>();
    private static final HttpServer REGISTRY = backend("registry");
    private static final HttpServer ALERT = backend("alert");
    private static final HttpServer CDC = backend("cdc");

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainwatch.gateway.api-keys", () -> KEY + ",second-key");
        registry.add("chainwatch.gateway.internal-token.private-key", io.chainwatch.testkit.TestCallers::privateKey);
        registry.add("chainwatch.gateway.registry-url", () -> "http://127.0.0.1:" + REGISTRY.getAddress().getPort());
        registry.add("chainwatch.gateway.alert-url", () -> "http://127.0.0.1:" + ALERT.getAddress().getPort());
        registry.add("chainwatch.gateway.cdc-url", () -> "http://127.0.0.1:" + CDC.getAddress().getPort());
    }

    @AfterAll
    static void stopBackends() {
        REGISTRY.stop(0);
        ALERT.stop(0);
        CDC.stop(0);
    }

    @Test
    void routesRegistryAndAlertPathsWithAValidKeyAndStripsTheKey() throws Exception {
        HttpResponse<String> nodes = get("/api/v1/nodes?chainId=abc", KEY);
        HttpResponse<String> rules = get("/api/v1/rules", "second-key");
        HttpResponse<String> sources = get("/api/v1/cdc/sources", KEY);

        assertThat(nodes.statusCode()).isEqualTo(200);
        assertThat(rules.statusCode()).isEqualTo(200);
        assertThat(sources.statusCode()).isEqualTo(200);
        assertThat(SEEN).anyMatch(s -> s.startsWith("registry: GET /api/v1/nodes?chainId=abc key=null"));
        assertThat(SEEN).anyMatch(s -> s.startsWith("alert: GET /api/v1/rules key=null"));
        assertThat(SEEN).anyMatch(s -> s.startsWith("cdc: GET /api/v1/cdc/sources key=null"));
        // an organization's data is never cached by a browser or a proxy
        for (HttpResponse<String> response : java.util.List.of(nodes, rules, sources)) {
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void refusesMissingOrWrongKeyWithAProblemAndNeverReachesTheService() throws Exception {
        int before = SEEN.size();
        HttpResponse<String> missing = get("/api/v1/organizations", null);
        HttpResponse<String> wrong = get("/api/v1/organizations", "test-key-124");

        for (HttpResponse<String> response : java.util.List.of(missing, wrong)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(response.body()).contains("\"status\":401");
        }
        assertThat(missing.body()).contains("Missing API key or bearer token");
        assertThat(missing.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(SEEN).hasSize(before);
    }

    @Test
    void forwardingHeadersAClientSetsDoNotReachTheService() throws Exception {
        // without spring.cloud.gateway.server.webflux.trusted-proxies the gateway adds neither Forwarded nor
        // X-Forwarded-* and removes those a client sends: a client cannot tell a service which host it was called as
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/organizations?page=1")).header("X-API-Key", KEY)
                .header("Forwarded", "host=evil.example;proto=https").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SEEN).anyMatch(s -> s.startsWith("registry: GET /api/v1/organizations?page=1 key=null")
                && s.endsWith("x-forwarded-host=null x-forwarded-proto=null forwarded=null"));
    }

    @Test
    void unknownApiPathIsNotFound() throws Exception {
        assertThat(get("/api/v1/no-such-thing", KEY).statusCode()).isEqualTo(404);
    }

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    @Test
    void actuatorIsOnlyOnTheManagementPortBoundToLoopback() throws Exception {
        // the API port serves no actuator endpoint, neither the gateway's own nor, through a route, a service's
        for (String path : java.util.List.of("/actuator/prometheus", "/actuator/health", "/api/v1/actuator/prometheus",
                "/api/v1/../actuator/prometheus")) {
            assertThat(get(path, null).statusCode()).as(path).isIn(401, 404);
            assertThat(get(path, KEY).statusCode()).as(path).isIn(401, 404);
        }
        assertThat(SEEN).noneMatch(s -> s.contains("actuator"));
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        // every request is timed (the platform-health dashboard's request rate), though SCG's own observation of each
        // proxied call is off
        assertThat(metrics.body()).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\"");
        // bound to loopback: another address of this machine does not answer on the management port
        java.net.InetAddress other = io.chainwatch.testkit.LocalAddresses.nonLoopback();
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "this machine has no non-loopback address");
        try (java.net.Socket socket = new java.net.Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
                    new InetSocketAddress(other, managementPort), 2000)).isInstanceOf(IOException.class);
        }
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer backend(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                URI uri = exchange.getRequestURI();
                var headers = exchange.getRequestHeaders();
                SEEN.add(name + ": " + exchange.getRequestMethod() + " " + uri + " key=" + headers.getFirst("X-API-Key")
                        + " x-forwarded-host=" + headers.getFirst("X-Forwarded-Host") + " x-forwarded-proto="
                        + headers.getFirst("X-Forwarded-Proto") + " forwarded=" + headers.getFirst("Forwarded"));
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
