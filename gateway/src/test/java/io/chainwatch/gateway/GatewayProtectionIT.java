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
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the gateway does on its own, each as an RFC 9457 problem: a service that is down (503), one that does not
 * answer in time (504), an unknown path (404), a body too large (413), a caller over its rate (429); plus CORS and
 * the aggregated API documentation. The services are real HTTP servers: a slow one, a working one, and a port
 * where nothing listens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayProtectionIT {

    private static final String KEY = "protect-key";
    private static final String LIMITED_KEY = "limited-key";
    private static final CopyOnWriteArrayList<String> SEEN = new CopyOnWriteArrayList<>();
    private static final HttpServer REGISTRY = server(0);
    private static final HttpServer SLOW_ALERT = server(3000);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainwatch.gateway.api-keys", () -> KEY + "," + LIMITED_KEY);
        registry.add("chainwatch.gateway.internal-token.private-key", io.chainwatch.testkit.TestCallers::privateKey);
        registry.add("chainwatch.gateway.registry-url", () -> "http://127.0.0.1:" + REGISTRY.getAddress().getPort());
        registry.add("chainwatch.gateway.alert-url", () -> "http://127.0.0.1:" + SLOW_ALERT.getAddress().getPort());
        registry.add("chainwatch.gateway.cdc-url", () -> "http://127.0.0.1:" + FreePorts.next()); // nothing listens
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
        registry.add("chainwatch.gateway.max-body-bytes", () -> "1000");
        registry.add("chainwatch.gateway.rate-limit.requests", () -> "5");
        registry.add("chainwatch.gateway.rate-limit.period", () -> "1h");
        registry.add("spring.cloud.gateway.server.webflux.globalcors.cors-configurations.[/api/**].allowed-origins",
                () -> "https://console.acme.example");
    }

    @AfterAll
    static void stopServers() {
        REGISTRY.stop(0);
        SLOW_ALERT.stop(0);
    }

    @Test
    void aServiceThatIsDownIsA503ProblemNamingIt() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/cdc/sources", KEY));
        assertProblem(response, 503);
        assertThat(response.body()).contains("The cdc service is not reachable");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA504Problem() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/rules", KEY));
        assertProblem(response, 504);
        assertThat(response.body()).contains("did not answer in time");
    }

    @Test
    void anUnknownPathIsA404Problem() throws Exception {
        HttpResponse<String> response = send(get("/api/v1/nothing-here", KEY));
        assertProblem(response, 404);
        assertThat(response.body()).contains("No API at /api/v1/nothing-here");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItReachesTheService() throws Exception {
        int before = SEEN.size();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/nodes")).header("X-API-Key", KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(2000) + "\"}")));
        assertProblem(response, 413);
        assertThat(SEEN).hasSize(before);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/nodes")).header("X-API-Key", KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"small\"}"))).statusCode()).isEqualTo(200);
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfterAndOtherKeysAreNotAffected() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(send(get("/api/v1/organizations", LIMITED_KEY)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = send(get("/api/v1/organizations", LIMITED_KEY));
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(send(get("/api/v1/organizations", KEY)).statusCode()).isEqualTo(200);
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigin() throws Exception {
        HttpResponse<String> allowed = send(preflight("https://console.acme.example"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://console.acme.example");
        assertThat(send(preflight("https://evil.example")).statusCode()).isEqualTo(403);
    }

    @Test
    void theSwaggerUiAndTheServicesDocumentsAreServedWithoutAKey() throws Exception {
        HttpResponse<String> ui = send(HttpRequest.newBuilder(uri("/docs")).GET());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        HttpResponse<String> docs = send(HttpRequest.newBuilder(uri("/v3/api-docs/registry")).GET());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(SEEN).anyMatch(s -> s.startsWith("GET /v3/api-docs host=127.0.0.1:" + port));
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status);
    }

    private HttpRequest.Builder get(String path, String key) {
        return HttpRequest.newBuilder(uri(path)).header("X-API-Key", key).GET();
    }

    private HttpRequest.Builder preflight(String origin) {
        return HttpRequest.newBuilder(uri("/api/v1/nodes")).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer server(long delayMs) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                SEEN.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host="
                        + exchange.getRequestHeaders().getFirst("Host"));
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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
