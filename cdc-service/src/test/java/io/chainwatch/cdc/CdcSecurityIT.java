package io.chainwatch.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.testkit.TestCallers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Organizations A and B each with a source on a real PostgreSQL with logical decoding: B (org admin, operator,
 * viewer) never sees, changes or deletes A's source; a viewer or operator cannot create; requests without a valid
 * gateway token are refused with nothing written; unsafe JDBC URLs are refused before anything connects; no response
 * ever contains a database password.
 */
@EmbeddedServers(kafka = Broker.AUTO_CREATED_TOPICS, postgres = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdcSecurityIT {

    private static final String SERVICE = "cdc-service";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID ORG_A = UUID.randomUUID();
    private static final UUID ORG_B = UUID.randomUUID();
    private static final String PASSWORD_A = "pw-of-org-a-7f3c91";
    private static final String PASSWORD_B = "pw-of-org-b-2d8e45";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Every response body of the test, to check at the end that no password ever left the service. */
    private static final List<String> BODIES = new ArrayList<>();

    private static String kafka;
    private static String ownUrl;
    private static EmbeddedPostgres app;
    private static ConfigurableApplicationContext service;
    private static int port;
    private static String sourceA;
    private static String sourceB;

    @BeforeAll
    static void start() throws Exception {
        kafka = SharedServers.kafkaBootstrap();
        ownUrl = SharedServers.newDatabase("cdc");
        app = SharedServers.ownPostgres(builder -> builder.setServerConfig("wal_level", "logical"));
        try (Connection c = app.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app");
            s.execute("CREATE TABLE app.a_payments (id serial PRIMARY KEY, amount numeric(18,2), currency text)");
            s.execute("CREATE TABLE app.b_payments (id serial PRIMARY KEY, amount numeric(18,2), currency text)");
        }
        port = FreePorts.next();
        service = new SpringApplicationBuilder(CdcApplication.class).run(
                "--server.port=" + port,
                "--spring.datasource.url=" + ownUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--chainwatch.cdc.secret-key=" + newKey(),
                "--chainwatch.cdc.supervisor-interval=200ms",
                "--" + TestCallers.PUBLIC_KEY_PROPERTY + "=" + TestCallers.publicKey(),
                // the sources' database is on this machine; private ranges stay forbidden
                "--chainwatch.security.urls.allow-loopback=true");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(0)
    void metricsAreServedOnTheManagementPortOnly() throws Exception {
        int management = Integer.parseInt(service.getEnvironment().getProperty("local.management.port"));
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + management + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        for (String path : List.of("/actuator/prometheus", "/actuator/health")) {
            assertThat(send("GET", path, null, null).statusCode()).as(path).isIn(401, 404);
            assertThat(send("GET", path, member(ORG_A, Role.ORG_ADMIN), null).statusCode()).as(path).isIn(401, 404);
        }
    }

    @Test
    @Order(0)
    void controlCharactersInABodyAreA400AndNothingIsWritten() throws Exception {
        int before = sourceRows();
        for (String[] field : new String[][] {{"payments\\u0000x", "a_payments"}, {"payments", "a_pay\\u0000ments"},
                {"pay\\u0007", "a_payments"}}) {
            HttpResponse<String> r = send("POST", "/api/v1/cdc/sources", member(ORG_A, Role.ORG_ADMIN),
                    source(null, field[0], field[1], PASSWORD_A));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(sourceRows()).isEqualTo(before);
    }

    @Test
    @Order(1)
    void orgAdminsCreateInTheirOwnOrganizationOnly() throws Exception {
        HttpResponse<String> a = send("POST", "/api/v1/cdc/sources", member(ORG_A, Role.ORG_ADMIN),
                source(null, "payments", "a_payments", PASSWORD_A));
        assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
        sourceA = JSON.readTree(a.body()).get("id").asString();
        assertThat(JSON.readTree(a.body()).get("orgId").asString()).isEqualTo(ORG_A.toString());

        HttpResponse<String> b = send("POST", "/api/v1/cdc/sources", member(ORG_B, Role.ORG_ADMIN),
                source(ORG_B, "payments", "b_payments", PASSWORD_B));
        assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
        sourceB = JSON.readTree(b.body()).get("id").asString();

        // B's admin naming A, B's operator and viewer: refused, nothing written, no slot made
        assertProblem(send("POST", "/api/v1/cdc/sources", member(ORG_B, Role.ORG_ADMIN),
                source(ORG_A, "sneaky", "a_payments", PASSWORD_B)), 403);
        assertProblem(send("POST", "/api/v1/cdc/sources", member(ORG_B, Role.OPERATOR),
                source(null, "by-operator", "b_payments", PASSWORD_B)), 403);
        assertProblem(send("POST", "/api/v1/cdc/sources", member(ORG_B, Role.VIEWER),
                source(null, "by-viewer", "b_payments", PASSWORD_B)), 403);
        // a platform admin must say which organization
        assertProblem(send("POST", "/api/v1/cdc/sources", TestCallers.platformAdmin(SERVICE),
                source(null, "no-org", "b_payments", PASSWORD_B)), 400);
        assertThat(sourceRows()).isEqualTo(2);
        assertThat(slots()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void anotherOrganizationNeverSeesReadsOrDeletesTheSource() throws Exception {
        String before = snapshot();
        for (Role role : List.of(Role.ORG_ADMIN, Role.OPERATOR, Role.VIEWER)) {
            String token = member(ORG_B, role);
            HttpResponse<String> list = send("GET", "/api/v1/cdc/sources", token, null);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(ids(list.body())).as(role.label()).containsExactly(sourceB);
            assertThat(list.body()).doesNotContain(sourceA).doesNotContain(ORG_A.toString());
            assertProblem(send("GET", "/api/v1/cdc/sources?orgId=" + ORG_A, token, null), 403);

            HttpResponse<String> read = send("GET", "/api/v1/cdc/sources/" + sourceA, token, null);
            HttpResponse<String> missing = send("GET", "/api/v1/cdc/sources/" + UUID.randomUUID(), token, null);
            assertProblem(read, 404);
            assertProblem(missing, 404);
            assertThat(read.body()).doesNotContain("a_payments").doesNotContain("payments\"");

            HttpResponse<String> delete = send("DELETE", "/api/v1/cdc/sources/" + sourceA, token, null);
            // a viewer is stopped at the door (403 for any change, whatever the id); the others get 404
            assertProblem(delete, role == Role.VIEWER ? 403 : 404);
            assertThat(delete.body()).doesNotContain("a_payments");

            // there is no update endpoint; whatever a change attempt gets, it is no success and changes nothing
            for (String method : List.of("PUT", "PATCH")) {
                HttpResponse<String> update = send(method, "/api/v1/cdc/sources/" + sourceA, token,
                        source(ORG_B, "taken-over", "b_payments", PASSWORD_B));
                assertThat(update.statusCode()).as(method + " as " + role.label()).isIn(403, 404, 405);
                assertThat(update.body()).doesNotContain("a_payments");
            }
        }
        assertThat(snapshot()).as("A's source untouched").isEqualTo(before);
        assertThat(slots()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void theOwnOrganizationReadsWithAnyRoleButOnlyAnOrgAdminDeletes() throws Exception {
        for (Role role : List.of(Role.VIEWER, Role.OPERATOR, Role.ORG_ADMIN)) {
            HttpResponse<String> read = send("GET", "/api/v1/cdc/sources/" + sourceA, member(ORG_A, role), null);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(ids(send("GET", "/api/v1/cdc/sources", member(ORG_A, role), null).body()))
                    .containsExactly(sourceA);
        }
        assertProblem(send("DELETE", "/api/v1/cdc/sources/" + sourceA, member(ORG_A, Role.OPERATOR), null), 403);
        assertThat(sourceRows()).isEqualTo(2);

        HttpResponse<String> all = send("GET", "/api/v1/cdc/sources", TestCallers.platformAdmin(SERVICE), null);
        assertThat(ids(all.body())).containsExactlyInAnyOrder(sourceA, sourceB);
        assertThat(ids(send("GET", "/api/v1/cdc/sources?orgId=" + ORG_B, TestCallers.platformAdmin(SERVICE), null)
                .body())).containsExactly(sourceB);
    }

    @Test
    @Order(4)
    void unsafeJdbcUrlsAreRefusedBeforeAnythingConnects() throws Exception {
        String admin = member(ORG_A, Role.ORG_ADMIN);
        String appUrl = "jdbc:postgresql://127.0.0.1:" + app.getPort() + "/postgres";
        Map<String, String> refused = Map.of(
                "jdbc:postgresql://10.0.0.1:5432/postgres", "private network",
                "jdbc:postgresql://169.254.169.254:5432/postgres", "link-local",
                "jdbc:postgresql://127.0.0.1:" + app.getPort() + ",192.168.1.10:5432/postgres", "private network",
                appUrl + "?socketFactory=org.example.Evil", "must not carry parameter socketFactory",
                appUrl + "?sslrootcert=/etc/passwd", "must not carry parameter sslrootcert",
                appUrl + "?loggerFile=/tmp/cdc.log", "must not carry parameter loggerFile",
                appUrl + "?PGHOST=10.0.0.1", "must not carry parameter PGHOST",
                appUrl + "?password=x", "must not carry parameter password",
                "jdbc:postgresql://:" + app.getPort() + "/postgres", "must name a host");
        for (Map.Entry<String, String> url : refused.entrySet()) {
            HttpResponse<String> response = send("POST", "/api/v1/cdc/sources", admin,
                    source(null, "unsafe", "a_payments", PASSWORD_A).replace(appUrl, url.getKey()));
            assertProblem(response, 400);
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("field").asString()).as(url.getKey()).isEqualTo("database.jdbcUrl");
            assertThat(problem.get("detail").asString()).as(url.getKey()).contains(url.getValue());
        }
        assertThat(sourceRows()).isEqualTo(2);
        assertThat(slots()).isEqualTo(2);
    }

    @Test
    @Order(5)
    void withoutAValidGatewayTokenNothingIsReadOrWritten() throws Exception {
        String forged = new InternalTokenIssuer((ECPrivateKey) InternalKeys.generate().getPrivate())
                .issue(Caller.platformAdmin("user:forger"), SERVICE);
        String otherAudience = TestCallers.platformAdmin("registry-service");
        for (String token : java.util.Arrays.asList(null, "", "not-a-jwt", forged, otherAudience)) {
            HttpResponse<String> create = send("POST", "/api/v1/cdc/sources", token,
                    source(ORG_A, "forged", "a_payments", PASSWORD_A));
            assertProblem(create, 401);
            assertProblem(send("GET", "/api/v1/cdc/sources", token, null), 401);
            assertProblem(send("GET", "/api/v1/cdc/sources/" + sourceA, token, null), 401);
            assertProblem(send("DELETE", "/api/v1/cdc/sources/" + sourceA, token, null), 401);
        }
        assertThat(sourceRows()).isEqualTo(2);
        assertThat(slots()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void anOrgAdminDeletesTheOwnSourceAndItsSlot() throws Exception {
        HttpResponse<String> deleted = send("DELETE", "/api/v1/cdc/sources/" + sourceB, member(ORG_B, Role.ORG_ADMIN),
                null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(sourceRows()).isEqualTo(1);
        assertThat(slots()).isEqualTo(1);
    }

    @Test
    @Order(7)
    void noResponseEverContainedADatabasePassword() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(ownUrl, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT password_cipher FROM cdc.source")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).startsWith("k1:").doesNotContain(PASSWORD_A).doesNotContain(PASSWORD_B);
            }
        }
        assertThat(BODIES).hasSizeGreaterThan(50);
        assertThat(BODIES).allSatisfy(body -> assertThat(body).doesNotContain(PASSWORD_A).doesNotContain(PASSWORD_B)
                .doesNotContain("password_cipher").doesNotContain("\"password\""));
    }

    /**
     * Every call above that changed or tried to change something is on {@code chainwatch.audit}, with the caller the
     * gateway vouched for as actor (refusals as {@code denied}, calls without a token as {@code anonymous}), and no
     * entry carries a database password.
     */
    @Test
    @Order(8)
    void everyChangeAndRefusalIsAuditedWithTheCallerAndWithoutSecrets() throws Exception {
        java.util.Properties config = new java.util.Properties();
        config.put("bootstrap.servers", kafka);
        config.put("group.id", "cdc-audit-it-" + UUID.randomUUID());
        config.put("auto.offset.reset", "earliest");
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(io.chainwatch.events.Topics.AUDIT));
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && !hasAll(records)) {
                consumer.poll(java.time.Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(hasAll(records)).as(records.toString()).isTrue();
        for (var record : records) {
            assertThat(record.value()).doesNotContain(PASSWORD_A, PASSWORD_B);
        }
        List<JsonNode> entries = records.stream().map(r -> JSON.readTree(r.value())).toList();
        JsonNode created = entries.stream().filter(e -> e.path("action").asString().equals("source.create")
                && e.path("resourceId").asString().equals(sourceA)).findFirst().orElseThrow();
        assertThat(created.path("actor").asString()).isEqualTo(subject(ORG_A, Role.ORG_ADMIN));
        assertThat(created.path("orgId").asString()).isEqualTo(ORG_A.toString());
        assertThat(created.path("service").asString()).isEqualTo("cdc");
        assertThat(created.path("outcome").asString()).isEqualTo("success");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("action").asString()).isEqualTo("source.delete");
            assertThat(e.path("resourceId").asString()).isEqualTo(sourceA);
            assertThat(e.path("actor").asString()).isEqualTo(subject(ORG_A, Role.OPERATOR));
            assertThat(e.path("outcome").asString()).isEqualTo("denied");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("action").asString()).isEqualTo("source.create");
            assertThat(e.path("actor").asString()).isEqualTo(subject(ORG_B, Role.VIEWER));
            assertThat(e.path("outcome").asString()).isEqualTo("denied");
            assertThat(e.path("orgId").asString()).isEqualTo(ORG_B.toString());
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("actor").asString()).isEqualTo("anonymous");
            assertThat(e.path("outcome").asString()).isEqualTo("denied");
        });
    }

    /** The audit has the source's creation, B's deletion of its own source, and an anonymous refusal. */
    private static boolean hasAll(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records) {
        return records.stream().anyMatch(r -> r.value().contains(sourceA) && r.value().contains("source.create"))
                && records.stream().anyMatch(r -> r.value().contains(sourceB) && r.value().contains("source.delete")
                        && r.value().contains("\"success\""))
                && records.stream().anyMatch(r -> r.value().contains("\"anonymous\""));
    }

    private static String subject(UUID org, Role role) {
        return "user:test-" + role.label() + "-" + org.toString().substring(0, 8);
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(status);
    }

    private static List<String> ids(String body) {
        List<String> ids = new ArrayList<>();
        JSON.readTree(body).forEach(s -> ids.add(s.get("id").asString()));
        return ids;
    }

    private static String member(UUID org, Role role) {
        return TestCallers.member(org, role, SERVICE);
    }

    @Test
    @Order(50)
    void aSourceOverTheOrganizationsQuotaIsA409AndNothingIsCreated() throws Exception {
        UUID orgC = UUID.randomUUID();
        String admin = TestCallers.platformAdmin(SERVICE);
        HttpResponse<String> set = send("PUT", "/api/v1/quotas?orgId=" + orgC, admin, "{\"cdc-sources\": 0}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(send("PUT", "/api/v1/quotas?orgId=" + orgC, member(orgC, Role.ORG_ADMIN), "{\"cdc-sources\": 9}")
                .statusCode()).isEqualTo(403);
        int before = sourceRows();
        int slotsBefore = slots();
        HttpResponse<String> r = send("POST", "/api/v1/cdc/sources", member(orgC, Role.ORG_ADMIN),
                source(null, "quota", "a_payments", PASSWORD_A));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(JSON.readTree(r.body()).path("quota").asString()).isEqualTo("cdc-sources");
        assertThat(sourceRows()).isEqualTo(before);
        assertThat(slots()).isEqualTo(slotsBefore);
        HttpResponse<String> view = send("GET", "/api/v1/quotas?orgId=" + orgC, member(orgC, Role.VIEWER), null);
        assertThat(view.body()).contains("\"name\":\"cdc-sources\",\"limit\":0,\"used\":0");
        assertThat(send("GET", "/api/v1/quotas?orgId=" + orgC, member(ORG_A, Role.ORG_ADMIN), null).statusCode())
                .isEqualTo(404);
    }

    private static String source(UUID org, String name, String table, String password) {
        return """
                {%s"chainId":"%s","name":"%s",
                 "database":{"jdbcUrl":"jdbc:postgresql://127.0.0.1:%d/postgres","username":"postgres","password":"%s"},
                 "schema":"app","table":"%s","metrics":{"amount":"payment.amount"},"tags":["currency"]}"""
                .formatted(org == null ? "" : "\"orgId\":\"" + org + "\",", UUID.randomUUID(), name, app.getPort(),
                        password, table);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header(TestCallers.HEADER, token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        BODIES.add(response.body());
        return response;
    }

    /** Every column of every source, as stored. */
    private static String snapshot() throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection c = java.sql.DriverManager.getConnection(ownUrl, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM cdc.source ORDER BY id")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rows.append(rs.getString(i)).append('|');
                }
                rows.append('\n');
            }
        }
        return rows.toString();
    }

    private static int sourceRows() throws SQLException {
        return count(ownUrl, "SELECT count(*) FROM cdc.source");
    }

    private static int slots() throws SQLException {
        return count(app.getJdbcUrl("postgres", "postgres"), "SELECT count(*) FROM pg_replication_slots");
    }

    private static int count(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
