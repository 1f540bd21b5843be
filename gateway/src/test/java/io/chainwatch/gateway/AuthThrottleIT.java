package io.chainwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Guessing is throttled: after the configured number of failed API-key attempts from one address, or failed
 * sign-ins for one user at the development issuer, the gateway answers 429 with Retry-After without checking the
 * credential, and counts it in {@code chainwatch_gateway_auth_throttled_total}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class AuthThrottleIT {

    private static final int PORT = FreePorts.next();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("chainwatch.gateway.api-keys", () -> "the-right-key");
        registry.add("chainwatch.gateway.auth-throttle.failures", () -> "3");
        registry.add("chainwatch.gateway.auth-throttle.period", () -> "10m");
        registry.add("chainwatch.gateway.internal-token.private-key", io.chainwatch.testkit.TestCallers::privateKey);
        registry.add("chainwatch.gateway.registry-url", () -> "http://127.0.0.1:9");
        registry.add("chainwatch.gateway.dev-issuer.enabled", () -> "true");
        registry.add("chainwatch.gateway.dev-issuer.issuer", () -> "http://127.0.0.1:" + PORT + "/dev-issuer");
        registry.add("chainwatch.gateway.dev-issuer.users[0].username", () -> "alice");
        registry.add("chainwatch.gateway.dev-issuer.users[0].password", () -> "wonderland");
        registry.add("chainwatch.gateway.dev-issuer.users[0].roles", () -> "PLATFORM_ADMIN");
    }

    @Test
    void failedSignInsForAUserAreThrottledThenFailedKeysFromTheAddress() throws Exception {
        // sign-ins first: three wrong passwords for alice, then even the right one waits
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("alice", "guess-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = signIn("alice", "wonderland");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(throttled.body()).contains("\"status\":429");

        // the address has used up its failures too (the sign-ins above): keys are now refused unchecked
        HttpResponse<String> key = api("some-guess");
        assertThat(key.statusCode()).isEqualTo(429);
        assertThat(key.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(key.headers().firstValue("Retry-After")).isPresent();

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("chainwatch_gateway_auth_throttled_total\\{[^}]*kind=\"sign-in\"[^}]*} [1-9]")
                .containsPattern("chainwatch_gateway_auth_throttled_total\\{[^}]*kind=\"api-key\"[^}]*} [1-9]");
    }

    private HttpResponse<String> signIn(String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/dev-issuer/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password
                        + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/organizations"))
                .header("X-API-Key", key).build(), HttpResponse.BodyHandlers.ofString());
    }
}
