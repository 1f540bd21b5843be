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
    }

    @Test
    void failedKeysFromAnAddressAreThrottledThenEvenTheRightKeyWaits() throws Exception {
        // three wrong keys from this address; the fourth attempt, the right key, is refused unchecked
        for (int i = 0; i < 3; i++) {
            assertThat(api("guess-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = api("the-right-key");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(throttled.body()).contains("\"status\":429");

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("chainwatch_gateway_auth_throttled_total\\{[^}]*kind=\"api-key\"[^}]*} [1-9]");
    }

    private HttpResponse<String> api(String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/api/v1/organizations"))
                .header("X-API-Key", key).build(), HttpResponse.BodyHandlers.ofString());
    }
}
