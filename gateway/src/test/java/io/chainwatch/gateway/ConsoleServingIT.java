package io.chainwatch.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway serves the web console (the console module's build on its class path) at {@code /}: index.html for
 * every page URL with no-cache, hashed assets immutable, the sign-in configuration, and the API untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ConsoleServingIT {

    private static final int PORT = FreePorts.next();
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("chainwatch.gateway.api-keys", () -> "some-key");
        registry.add("chainwatch.gateway.internal-token.private-key", io.chainwatch.testkit.TestCallers::privateKey);
        registry.add("chainwatch.gateway.jwt.issuer-uri", () -> "http://127.0.0.1:1/issuer");
        registry.add("chainwatch.gateway.console.grafana-url", () -> "http://grafana.example:3000");
    }

    @Test
    void everyPageUrlAnswersIndexHtmlThatIsNeverCached() throws Exception {
        for (String path : new String[] {"/", "/alerts", "/chains/4f1c2d", "/tasks/abc?x=1", "/auth/callback?code=1"}) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-cache");
            assertThat(page.body()).contains("<div id=\"root\"></div>");
        }
    }

    @Test
    void hashedAssetsAreImmutableAndMissingFilesAre404() throws Exception {
        String index = get("/").body();
        Matcher script = Pattern.compile("src=\"(/assets/index-[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).as("index.html loads a hashed script").isTrue();
        HttpResponse<String> js = get(script.group(1));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(js.headers().firstValue("Cache-Control").orElse(""))
                .contains("max-age=31536000").contains("immutable").contains("public");
        assertThat(get("/assets/nope-123.js").statusCode()).isEqualTo(404);
        assertThat(get("/favicon.ico").statusCode()).isEqualTo(404);
    }

    @Test
    void theConsoleLearnsWhereToSignIn() throws Exception {
        HttpResponse<String> config = get("/console-config.json");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"issuer\":\"http://127.0.0.1:1/issuer\"")
                .contains("\"clientId\":\"chainwatch-console\"").contains("\"grafanaUrl\":\"http://grafana.example:3000\"");
    }

    @Test
    void theApiAndActuatorAreNotTheConsoles() throws Exception {
        HttpResponse<String> api = get("/api/v1/organizations");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(get("/api/v1/nothing-here").body()).doesNotContain("<div id=\"root\">");
        // actuator endpoints are on the management port only; the console's history fallback does not answer for them
        assertThat(get("/actuator/health").body()).doesNotContain("<div id=\"root\">");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
