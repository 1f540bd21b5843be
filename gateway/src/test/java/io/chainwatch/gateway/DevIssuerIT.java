package io.chainwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** The local stack's development issuer: a configured user signs in, and the token opens the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class DevIssuerIT {

    private static final int PORT = FreePorts.next();
    private static final HttpServer REGISTRY = registry();
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("chainwatch.gateway.api-keys", () -> "some-key");
        registry.add("chainwatch.gateway.internal-token.private-key", io.chainwatch.testkit.TestCallers::privateKey);
        registry.add("chainwatch.gateway.registry-url", () -> "http://127.0.0.1:" + REGISTRY.getAddress().getPort());
        registry.add("chainwatch.gateway.dev-issuer.enabled", () -> "true");
        registry.add("chainwatch.gateway.dev-issuer.issuer", () -> "http://127.0.0.1:" + PORT + "/dev-issuer");
        registry.add("chainwatch.gateway.dev-issuer.users[0].username", () -> "alice");
        registry.add("chainwatch.gateway.dev-issuer.users[0].password", () -> "wonderland");
        registry.add("chainwatch.gateway.dev-issuer.users[0].roles", () -> "PLATFORM_ADMIN");
    }

    @AfterAll
    static void stop() {
        REGISTRY.stop(0);
    }

    @Test
    void aConfiguredUserSignsInAndTheTokenOpensTheApi() throws Exception {
        HttpResponse<String> login = post("/dev-issuer/token", "{\"username\":\"alice\",\"password\":\"wonderland\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        String token = JsonMapper.builder().build().readTree(login.body()).get("access_token").asString();

        HttpResponse<String> api = http.send(HttpRequest.newBuilder(uri("/api/v1/organizations"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);

        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(http.send(HttpRequest.newBuilder(uri("/api/v1/organizations"))
                .header("Authorization", "Bearer " + tampered).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordGetsNoToken() throws Exception {
        HttpResponse<String> login = post("/dev-issuer/token", "{\"username\":\"alice\",\"password\":\"guess\"}");
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body()).doesNotContain("access_token");
    }

    @Test
    void itPublishesItsKeysLikeARealIssuer() throws Exception {
        HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(uri("/dev-issuer/.well-known/openid-configuration"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.body()).contains("\"issuer\":\"http://127.0.0.1:" + PORT + "/dev-issuer\"");
        assertThat(http.send(HttpRequest.newBuilder(uri("/dev-issuer/jwks")).build(), HttpResponse.BodyHandlers.ofString())
                .body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\"");
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + PORT + path);
    }

    private static HttpServer registry() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", e -> {
                byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
                e.getResponseHeaders().set("Content-Type", "application/json");
                e.sendResponseHeaders(200, body.length);
                e.getResponseBody().write(body);
                e.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
