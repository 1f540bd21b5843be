package io.chainwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.testkit.SharedServers;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * People's bearer tokens from an external OIDC issuer: a real HTTP server publishing OIDC discovery metadata and a
 * JWKS, whose signing key this test holds. The gateway finds the keys by discovery and checks signature, expiry,
 * issuer and audience.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedServers(kafka = Broker.AUTO_CREATED_TOPICS)
class ExternalIssuerIT {

    private static final RSAKey KEY = newKey();
    private static final RSAKey OTHER_KEY = newKey();
    private static final HttpServer ISSUER = issuer();
    private static final String ISSUER_URL = "http://127.0.0.1:" + ISSUER.getAddress().getPort();
    private static final CopyOnWriteArrayList<String> SEEN = new CopyOnWriteArrayList<>();
    private static final HttpServer REGISTRY = registry();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chainwatch.gateway.api-keys", () -> "");
        registry.add("chainwatch.gateway.internal-token.private-key", io.chainwatch.testkit.TestCallers::privateKey);
        registry.add("chainwatch.gateway.jwt.issuer-uri", () -> ISSUER_URL);
        registry.add("chainwatch.gateway.jwt.audience", () -> "chainwatch");
        registry.add("chainwatch.gateway.registry-url", () -> "http://127.0.0.1:" + REGISTRY.getAddress().getPort());
        // a real Kafka broker: the gateway publishes the audit entries of the calls it refuses to it
        registry.add("chainwatch.gateway.audit.bootstrap-servers", SharedServers::kafkaBootstrap);
    }

    private static final String ORG = java.util.UUID.randomUUID().toString();
    /** An organization the stand-in registry says is deactivated, as the registry's internal state endpoint does. */
    private static final String DEACTIVATED_ORG = java.util.UUID.randomUUID().toString();

    @AfterAll
    static void stop() {
        ISSUER.stop(0);
        REGISTRY.stop(0);
    }

    @Test
    void aValidTokenIsAcceptedAndNotForwarded() throws Exception {
        HttpResponse<String> response = call(token(KEY, ISSUER_URL, "chainwatch", Instant.now().plusSeconds(600)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SEEN).anyMatch(s -> s.equals("GET /api/v1/organizations authorization=null"));
    }

    @Test
    void expiredForeignWrongIssuerOrWrongAudienceTokensAreRefused() throws Exception {
        int before = SEEN.size();
        List<String> refused = List.of(
                token(KEY, ISSUER_URL, "chainwatch", Instant.now().minusSeconds(3600)),          // expired
                token(OTHER_KEY, ISSUER_URL, "chainwatch", Instant.now().plusSeconds(600)),      // not the issuer's key
                token(KEY, "http://elsewhere.example", "chainwatch", Instant.now().plusSeconds(600)), // other issuer
                token(KEY, ISSUER_URL, "another-app", Instant.now().plusSeconds(600)),           // other audience
                "not.a.jwt");
        for (String token : refused) {
            HttpResponse<String> response = call(token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(response.body()).contains("The bearer token is not valid");
        }
        assertThat(SEEN).hasSize(before);
    }

    @Test
    void aValidTokenWithoutAChainWatchRoleOrOrganizationIsForbidden() throws Exception {
        int before = SEEN.size();
        for (JWTClaimsSet claims : List.of(
                claims().claim("roles", List.of("some-other-app-role")).claim("org", ORG).build(),
                claims().claim("roles", List.of("operator")).build(),
                claims().claim("roles", "viewer").claim("org", "not-a-uuid").build())) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(KEY));
            HttpResponse<String> response = call(jwt.serialize());
            assertThat(response.statusCode()).as(claims.toString()).isEqualTo(403);
            assertThat(response.body()).containsAnyOf("no ChainWatch role", "no organization");
        }
        assertThat(SEEN).hasSize(before);
    }

    @Test
    void theMutatingCallsTheGatewayRefusesAreAuditedWithoutTheCredential() throws Exception {
        String node = java.util.UUID.randomUUID().toString();
        assertThat(send("POST", "/api/v1/rules", null, null).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/v1/nodes/" + node, "X-API-Key", "a-guessed-key-42").statusCode())
                .isEqualTo(401);
        SignedJWT roleless = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                claims().claim("roles", List.of("some-other-app-role")).claim("org", ORG).build());
        roleless.sign(new RSASSASigner(KEY));
        assertThat(send("POST", "/api/v1/alerts/0d20366f9012649f00a5a00a9812595c/acknowledge", "Authorization", "Bearer " + roleless.serialize())
                .statusCode()).isEqualTo(403);
        String operator = token(KEY, ISSUER_URL, "chainwatch", Instant.now().plusSeconds(600));
        assertThat(send("PUT", "/api/v1/organizations/" + ORG + "/quotas", "Authorization", "Bearer " + operator)
                .statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/rules", null, null).statusCode()).as("reads are not audited").isEqualTo(401);

        List<tools.jackson.databind.JsonNode> entries = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30)).until(ExternalIssuerIT::auditEntries, e -> e.size() >= 4);
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofSeconds(2)).until(() -> true);
        entries = auditEntries();
        assertThat(entries).hasSize(4).allSatisfy(e -> {
            assertThat(e.path("service").asString()).isEqualTo("gateway");
            assertThat(e.path("outcome").asString()).isEqualTo("denied");
            assertThat(e.toString()).doesNotContain("a-guessed-key-42").doesNotContain(operator);
        });
        assertThat(entries).extracting(e -> e.path("action").asString() + " " + e.path("actor").asString() + " "
                        + e.path("details").path("status").asString())
                .containsExactlyInAnyOrder("rule.create anonymous 401", "node.delete anonymous 401",
                        "alert.acknowledge anonymous 403", "quota.update user:alice 403");
        tools.jackson.databind.JsonNode delete = entries.stream()
                .filter(e -> e.path("action").asString().equals("node.delete")).findFirst().orElseThrow();
        assertThat(delete.path("resourceId").asString()).isEqualTo(node);
        assertThat(delete.path("details").path("problem").asString()).contains("API key");
        tools.jackson.databind.JsonNode quota = entries.stream()
                .filter(e -> e.path("action").asString().equals("quota.update")).findFirst().orElseThrow();
        assertThat(quota.path("orgId").asString()).isEqualTo(ORG);
    }

    private HttpResponse<String> send(String method, String path, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (header != null) {
            request.header(header, value);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every entry on the audit topic so far. */
    private static List<tools.jackson.databind.JsonNode> auditEntries() {
        List<tools.jackson.databind.JsonNode> entries = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(java.util.Map.of(
                "bootstrap.servers", SharedServers.kafkaBootstrap(), "group.id", "audit-" + java.util.UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(io.chainwatch.events.Topics.AUDIT));
            int empty = 0;
            while (empty < 3) {
                var records = consumer.poll(java.time.Duration.ofMillis(500));
                empty = records.isEmpty() ? empty + 1 : 0;
                records.forEach(r -> entries.add(tools.jackson.databind.json.JsonMapper.builder().build()
                        .readTree(r.value())));
            }
        }
        return entries;
    }

    @Test
    void aPersonOfADeactivatedOrganizationIsForbiddenSayingSo() throws Exception {
        int before = SEEN.size();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                claims().claim("roles", List.of("org-admin")).claim("org", DEACTIVATED_ORG).build());
        jwt.sign(new RSASSASigner(KEY));
        HttpResponse<String> response = call(jwt.serialize());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains("organization is deactivated");
        assertThat(SEEN).as("nothing reached the services").hasSize(before);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER_URL).subject("bob").audience("chainwatch")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    @Test
    void withoutApiKeysConfiguredAnApiKeyIsNoCredential() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/organizations")).header("X-API-Key", "a-plausible-key").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> call(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/organizations"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(RSAKey key, String issuer, String audience, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).subject("alice").audience(audience)
                        .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires))
                        .claim("roles", List.of("OPERATOR", "some-other-app-role")).claim("org", ORG).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(java.util.UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer issuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            server.createContext("/.well-known/openid-configuration", e -> respond(e, """
                    {"issuer":"%s","jwks_uri":"%s/jwks","subject_types_supported":["public"],
                     "response_types_supported":["code"],"id_token_signing_alg_values_supported":["RS256"]}"""
                    .formatted(base, base)));
            server.createContext("/jwks", e -> respond(e, new JWKSet(KEY.toPublicJWK()).toString()));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer registry() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", e -> {
                if (e.getRequestURI().getPath().equals("/internal/organizations/" + DEACTIVATED_ORG + "/state")) {
                    respond(e, "{\"orgId\":\"" + DEACTIVATED_ORG + "\",\"status\":\"DEACTIVATED\"}");
                    return;
                }
                SEEN.add(e.getRequestMethod() + " " + e.getRequestURI() + " authorization="
                        + e.getRequestHeaders().getFirst("Authorization"));
                respond(e, "[]");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
