package io.chainwatch.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.InternalTokenVerifier;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the services learn about a caller: the gateway in front of real HTTP servers standing in for the registry
 * (which also answers the gateway's API-key checks at {@code /internal/api-keys/verify}, like the real registry) and
 * the alert service. Each backend verifies the internal token it receives with the gateway's public key, exactly as
 * the services' {@code CallerFilter} does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallerIdentityIT {

    private static final String BOOTSTRAP = "bootstrap-key-0001";
    private static final UUID ORG = UUID.randomUUID();
    private static final String ORG_KEY = "cw_ab12cd34_" + "A".repeat(43);
    private static final String REVOKED_LATER = "cw_zz99yy88_" + "B".repeat(43);
    /** A valid key of a deactivated organization: the stand-in registry answers 403, as the registry does. */
    private static final String DEACTIVATED_ORG_KEY = "cw_de4c7123_" + "D".repeat(43);

    /** Keys the stand-in registry knows: key → role. */
    private static final Map<String, String> KNOWN = new ConcurrentHashMap<>(Map.of(ORG_KEY, "OPERATOR",
            REVOKED_LATER, "VIEWER"));
    private static final AtomicInteger VERIFY_CALLS = new AtomicInteger();
    private static final CopyOnWriteArrayList<Caller> REGISTRY_CALLERS = new CopyOnWriteArrayList<>();
    private static final CopyOnWriteArrayList<Caller> ALERT_CALLERS = new CopyOnWriteArrayList<>();
    private static final HttpServer REGISTRY = backend("registry-service", REGISTRY_CALLERS);
    private static final HttpServer ALERT = backend("alert-service", ALERT_CALLERS);

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainwatch.gateway.api-keys", () -> BOOTSTRAP);
        registry.add("chainwatch.gateway.internal-token.private-key", TestCallers::privateKey);
        registry.add("chainwatch.gateway.api-key-cache", () -> "1s");
        registry.add("chainwatch.gateway.registry-url", () -> "http://127.0.0.1:" + REGISTRY.getAddress().getPort());
        registry.add("chainwatch.gateway.alert-url", () -> "http://127.0.0.1:" + ALERT.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        REGISTRY.stop(0);
        ALERT.stop(0);
    }

    @Test
    void anOrganizationsKeyReachesTheServicesAsThatOrganizationWithItsRole() throws Exception {
        HttpResponse<String> nodes = send("/api/v1/nodes", "X-API-Key", ORG_KEY);
        HttpResponse<String> rules = send("/api/v1/rules", "X-API-Key", ORG_KEY);

        assertThat(nodes.statusCode()).as(nodes.body()).isEqualTo(200);
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
        Caller expected = new Caller("key:ab12cd34", ORG, Role.OPERATOR);
        assertThat(REGISTRY_CALLERS).contains(expected);
        assertThat(ALERT_CALLERS).contains(expected);
    }

    @Test
    void aBootstrapKeyIsAPlatformAdmin() throws Exception {
        REGISTRY_CALLERS.clear();
        assertThat(send("/api/v1/organizations", "X-API-Key", BOOTSTRAP).statusCode()).isEqualTo(200);
        assertThat(REGISTRY_CALLERS).singleElement().satisfies(c -> {
            assertThat(c.role()).isEqualTo(Role.PLATFORM_ADMIN);
            assertThat(c.subject()).startsWith("key:bootstrap-").doesNotContain(BOOTSTRAP);
        });
    }

    @Test
    void unknownKeysAreRefusedAndMalformedOnesNeverReachTheRegistry() throws Exception {
        int before = VERIFY_CALLS.get();
        HttpResponse<String> unknown = send("/api/v1/nodes", "X-API-Key", "cw_00000000_" + "C".repeat(43));
        HttpResponse<String> malformed = send("/api/v1/nodes", "X-API-Key", "cw_short");

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("not valid");
        assertThat(malformed.statusCode()).isEqualTo(401);
        assertThat(VERIFY_CALLS.get()).isEqualTo(before + 1);
    }

    @Test
    void aKeyOfADeactivatedOrganizationIsRefusedWithAProblemSayingSo() throws Exception {
        REGISTRY_CALLERS.clear();
        ALERT_CALLERS.clear();
        HttpResponse<String> nodes = send("/api/v1/nodes", "X-API-Key", DEACTIVATED_ORG_KEY);
        HttpResponse<String> rules = send("/api/v1/rules", "X-API-Key", DEACTIVATED_ORG_KEY);

        for (HttpResponse<String> response : List.of(nodes, rules)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("organization is deactivated");
        }
        assertThat(REGISTRY_CALLERS).isEmpty();
        assertThat(ALERT_CALLERS).isEmpty();
    }

    @Test
    void aRevokedKeyStopsWorkingOnceTheCacheExpires() throws Exception {
        assertThat(send("/api/v1/nodes", "X-API-Key", REVOKED_LATER).statusCode()).isEqualTo(200);
        KNOWN.remove(REVOKED_LATER); // revoked in the registry

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> send("/api/v1/nodes", "X-API-Key", REVOKED_LATER).statusCode(), status -> status == 401);
    }

    @Test
    void aClientCannotSendItsOwnInternalTokenOrActor() throws Exception {
        String forged = new io.chainwatch.security.InternalTokenIssuer(
                (java.security.interfaces.ECPrivateKey) InternalKeys.generate().getPrivate())
                .issue(Caller.platformAdmin("user:mallory"), "registry-service");
        REGISTRY_CALLERS.clear();

        HttpResponse<String> response = send("/api/v1/nodes", "X-API-Key", ORG_KEY,
                InternalTokenVerifier.HEADER, forged, "X-ChainWatch-Actor", "mallory");

        assertThat(response.statusCode()).isEqualTo(200); // the backend verified the gateway's token, not the forged one
        assertThat(REGISTRY_CALLERS).containsExactly(new Caller("key:ab12cd34", ORG, Role.OPERATOR));
    }

    private HttpResponse<String> send(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A backend that accepts a request only with a valid internal token for {@code audience}, and records it. */
    private static HttpServer backend(String audience, CopyOnWriteArrayList<Caller> callers) {
        InternalTokenVerifier verifier = new InternalTokenVerifier(InternalKeys.decodePublic(TestCallers.publicKey()),
                audience);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String token = exchange.getRequestHeaders().getFirst(InternalTokenVerifier.HEADER);
                Caller caller;
                try {
                    caller = verifier.verify(token == null ? "" : token);
                } catch (InternalTokenVerifier.InvalidTokenException e) {
                    respond(exchange, 401, "{\"detail\":\"" + e.getMessage() + "\"}");
                    return;
                }
                if (exchange.getRequestURI().getPath().equals("/internal/api-keys/verify")) {
                    VERIFY_CALLS.incrementAndGet();
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    String key = body.replaceAll(".*\"key\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                    String role = KNOWN.get(key);
                    if (key.equals(DEACTIVATED_ORG_KEY)) {
                        respond(exchange, 403, "{\"status\":403,\"detail\":\"Organization is deactivated\"}");
                    } else if (role == null || !caller.subject().equals("system:gateway")) {
                        respond(exchange, 404, "{\"status\":404}");
                    } else {
                        respond(exchange, 200, "{\"keyId\":\"" + UUID.randomUUID() + "\",\"orgId\":\"" + ORG
                                + "\",\"role\":\"" + role + "\",\"prefix\":\"" + key.substring(3, 11) + "\"}");
                    }
                    return;
                }
                if (exchange.getRequestHeaders().containsKey("X-ChainWatch-Actor")
                        || exchange.getRequestHeaders().containsKey("X-API-Key")) {
                    respond(exchange, 400, "{\"detail\":\"a client header reached the service\"}");
                    return;
                }
                callers.add(caller);
                respond(exchange, 200, "{\"ok\":true}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
