package io.chainwatch.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.OrganizationLifecycle;
import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.testkit.TestCallers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
 * Change-data-capture against a real PostgreSQL 17 with {@code wal_level=logical} (the application's database),
 * another one for the service's own schema, and the embedded KRaft broker: rows an application commits become
 * samples; a restart resumes with nothing lost or repeated; a source that goes down is reported and resumed.
 */
@EmbeddedServers(kafka = Broker.AUTO_CREATED_TOPICS, postgres = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdcIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = newKey();
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID CHAIN = UUID.randomUUID();

    private static String kafka;
    private static String ownUrl;
    private static EmbeddedPostgres app;
    private static int appPort;
    private static Path appData;
    private static ConfigurableApplicationContext service;
    private static int port;
    private static int management;
    private static String sourceId;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        kafka = SharedServers.kafkaBootstrap();
        ownUrl = SharedServers.newDatabase("cdc");
        appPort = FreePorts.next();
        appData = Files.createTempDirectory("cdc-app-db");
        app = startAppDatabase();
        try (Connection c = appConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA app");
            s.execute("CREATE TABLE app.settlement (id serial PRIMARY KEY, amount numeric(18,2), fee bigint,"
                    + " note text, currency text)");
            s.execute("CREATE TABLE app.other (x integer)");
        }
        startService();
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
    @Order(1)
    void aConfigurationThatDoesNotFitTheTableIsRefusedAndNothingIsWritten() throws Exception {
        HttpResponse<String> textColumn = post(source("bad-1", "settlement", "{\"note\":\"settlement.note\"}", "[]"));
        assertThat(textColumn.statusCode()).isEqualTo(400);
        assertThat(textColumn.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(textColumn.body()).contains("column note is text, not numeric");

        assertThat(post(source("bad-2", "missing_table", "{\"amount\":\"a\"}", "[]")).body())
                .contains("table app.missing_table does not exist");
        assertThat(post(source("bad-3", "settlement", "{\"nope\":\"a\"}", "[\"ghost\"]")).body())
                .contains("column nope does not exist").contains("column ghost does not exist");
        assertThat(post(source("bad-4", "settlement", "{}", "[]")).statusCode()).isEqualTo(400);
        assertThat(post(source("bad-5", "settlement", "{\"amount\":\"Not A Metric\"}", "[]")).body())
                .contains("metric name must be lower-case");
        assertThat(post("{\"orgId\": 1,").statusCode()).isEqualTo(400);
        assertThat(post(source("bad-6", "settlement", "{\"amount\":\"a\"}", "[]")
                .replace("jdbc:postgresql://", "http://")).body()).contains("must look like jdbc:postgresql");

        assertThat(get("/api/v1/cdc/sources").body()).isEqualTo("[]");
        try (Connection c = appConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no slot left behind by refused configurations").isZero();
        }
    }

    @Test
    @Order(2)
    void insertedAndUpdatedRowsBecomeOneSamplePerConfiguredColumn() throws Exception {
        HttpResponse<String> created = post(source("settlements", "settlement",
                "{\"amount\":\"settlement.amount\",\"fee\":\"settlement.fee\"}", "[\"currency\"]"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        sourceId = body.get("id").asString();
        assertThat(body.get("database").get("passwordSet").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("app-password").doesNotContain("\"password\"");

        sql("INSERT INTO app.settlement (amount, fee, note, currency) VALUES (12.50, 3, 'first', 'USD')");
        sql("INSERT INTO app.other (x) VALUES (7)");
        sql("UPDATE app.settlement SET amount = 20 WHERE note = 'first'");

        List<JsonNode> samples = awaitSamples(4);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.get("nodeId").asString()).isEqualTo(sourceId);
            assertThat(s.get("chainId").asString()).isEqualTo(CHAIN.toString());
            assertThat(s.get("outcome").asString()).isEqualTo("OK");
            assertThat(s.get("info").get("currency").asString()).isEqualTo("USD");
            assertThat(s.get("info").has("note")).isFalse();
            assertThat(s.get("readings").size()).isEqualTo(1);
        });
        assertThat(samples.stream().map(s -> s.get("readings").toString()).toList()).containsExactlyInAnyOrder(
                "{\"settlement.amount\":12.5}", "{\"settlement.fee\":3.0}",
                "{\"settlement.amount\":20.0}", "{\"settlement.fee\":3.0}");
    }

    @Test
    @Order(3)
    void afterARestartRowsCommittedMeanwhileArriveOnceAndNothingIsRepeated() throws Exception {
        service.close();
        sql("INSERT INTO app.settlement (amount, fee, currency) VALUES (1, 10, 'EUR'), (2, 20, 'EUR'), (3, 30, 'EUR')");
        startService();

        List<JsonNode> samples = awaitSamples(10);
        // and nothing more comes
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> rowSamples().size() == 10);
        assertThat(samples.stream().filter(s -> "EUR".equals(s.get("info").get("currency").asString())).count()).isEqualTo(6);
    }

    @Test
    @Order(4)
    void aSourceThatGoesDownIsReportedAndReadAgainWhenItIsBack() throws Exception {
        app.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(allSamples()).anySatisfy(s -> {
                    assertThat(s.get("outcome").asString()).isIn("REFUSED", "TIMEOUT", "BAD_RESPONSE");
                    assertThat(s.get("error").asString()).contains("settlements");
                }));
        assertThat(JSON.readTree(get("/api/v1/cdc/sources/" + sourceId).body()).get("status").get("state").asString())
                .isEqualTo("RETRYING");
        // the operator sees the samples falling behind while the source cannot be read
        double down = replicationLag();
        await().atMost(Duration.ofSeconds(30)).until(() -> replicationLag() >= down + 3);

        app = startAppDatabase();
        sql("INSERT INTO app.settlement (amount, fee, currency) VALUES (99, 9, 'GBP')");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rowSamples())
                .filteredOn(s -> s.get("info").has("currency") && "GBP".equals(s.get("info").get("currency").asString()))
                .hasSize(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> replicationLag() < 2);
    }

    /** This source's {@code chainwatch_cdc_replication_lag_seconds} as Prometheus scrapes it. */
    private static double replicationLag() throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + management + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "chainwatch_cdc_replication_lag_seconds\\{[^}]*source_id=\"" + sourceId + "\"[^}]*} (\\S+)")
                .matcher(metrics);
        assertThat(m.find()).as("lag series of source %s in\n%s", sourceId, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    @Order(5)
    void thePasswordIsStoredEncryptedAndNeverReturned() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(ownUrl, "postgres", "postgres"); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT password_cipher FROM cdc.source")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("k1:").doesNotContain("app-password");
        }
        assertThat(get("/api/v1/cdc/sources?orgId=" + ORG).body()).doesNotContain("app-password").contains("passwordFingerprint");
        assertThat(get("/api/v1/cdc/sources/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/cdc/sources/not-a-uuid").statusCode()).isEqualTo(400);
    }

    /**
     * The registry deactivates the organization: its source is no longer read (PAUSED), its slot stays, a row committed
     * meanwhile becomes no sample, and an older "active" record delivered late changes nothing; reactivated, the
     * source reads on from where it stopped and the row arrives.
     */
    @Test
    @Order(6)
    void aDeactivatedOrganizationsSourceIsNotReadAndResumesWhereItStoppedWhenReactivated() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> state(sourceId).equals("STREAMING"));
        long at = System.currentTimeMillis();
        publish(new OrganizationLifecycle(ORG.toString(), OrganizationLifecycle.DEACTIVATED, at));
        await().atMost(Duration.ofSeconds(30)).until(() -> state(sourceId).equals("PAUSED"));
        assertThat(JSON.readTree(get("/api/v1/cdc/sources/" + sourceId).body()).get("status").get("lastError")
                .asString()).isEqualTo("the organization is deactivated");
        assertThat(slots()).isEqualTo(1);

        publish(new OrganizationLifecycle(ORG.toString(), OrganizationLifecycle.ACTIVE, at - 1000));
        sql("INSERT INTO app.settlement (amount, fee, currency) VALUES (7, 1, 'CHF')");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> chf().isEmpty()
                && state(sourceId).equals("PAUSED"));

        publish(new OrganizationLifecycle(ORG.toString(), OrganizationLifecycle.ACTIVE, at + 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> chf().size() == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(sourceId).equals("STREAMING"));
    }

    /** The row samples of the rows in Swiss francs. */
    private static List<JsonNode> chf() {
        return rowSamples().stream().filter(s -> s.get("info").has("currency")
                && "CHF".equals(s.get("info").get("currency").asString())).toList();
    }

    /** Writes a lifecycle record with a real producer, as the registry's outbox relay does. */
    private static void publish(OrganizationLifecycle lifecycle) throws Exception {
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(Map.of(
                "bootstrap.servers", kafka),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.ORGANIZATIONS,
                    lifecycle.orgId(), JSON.writeValueAsString(lifecycle))).get();
        }
    }

    /**
     * The registry deletes the organization (its deletion record on chainwatch.organizations, written with a real
     * producer as the registry's outbox relay does): its source stops and is deleted, its slot is dropped from the
     * application's database, its new rows become no samples; another organization's source reads on.
     */
    @Test
    @Order(7)
    void aDeletedOrganizationsSourceStopsAndIsDeletedAnotherOrganizationsReadsOn() throws Exception {
        UUID otherOrg = UUID.randomUUID();
        HttpResponse<String> created = post(source("others", "other", "{\"x\":\"other.x\"}", "[]")
                .replace(ORG.toString(), otherOrg.toString()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String otherSource = JSON.readTree(created.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> slots() == 2 && state(sourceId).equals("STREAMING")
                && state(otherSource).equals("STREAMING"));

        publish(OrganizationLifecycle.deleted(ORG.toString(), System.currentTimeMillis()));
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/v1/cdc/sources?orgId=" + ORG).body(),
                "[]"::equals);
        await().atMost(Duration.ofSeconds(30)).until(CdcIT::slots, n -> n == 1);
        assertThat(get("/api/v1/cdc/sources/" + sourceId).statusCode()).isEqualTo(404);

        long settlementSamples = samplesOf(sourceId);
        sql("INSERT INTO app.settlement (amount, fee, note, currency) VALUES (99, 9, 'after', 'USD')");
        sql("INSERT INTO app.other (x) VALUES (42)");
        // the other organization's row arrives; by then the deleted one's row has produced nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> rowSamples().stream()
                .anyMatch(s -> s.get("nodeId").asString().equals(otherSource)
                        && s.get("readings").toString().equals("{\"other.x\":42.0}")));
        assertThat(samplesOf(sourceId)).isEqualTo(settlementSamples);
        assertThat(state(otherSource)).isEqualTo("STREAMING");
    }

    private static long slots() throws SQLException {
        try (Connection c = appConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_replication_slots")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String state(String id) throws Exception {
        HttpResponse<String> source = get("/api/v1/cdc/sources/" + id);
        return source.statusCode() == 200 ? JSON.readTree(source.body()).get("status").get("state").asString() : "";
    }

    private static long samplesOf(String id) {
        return rowSamples().stream().filter(s -> s.get("nodeId").asString().equals(id)).count();
    }

    private static List<JsonNode> awaitSamples(int count) {
        return await().atMost(Duration.ofSeconds(30)).until(CdcIT::rowSamples, s -> s.size() >= count);
    }

    /**
     * Every committed sample on the samples topic from the beginning (read_committed, as the alert service should),
     * decoded from its binary form and seen as the sample's JSON.
     */
    private static List<JsonNode> allSamples() {
        List<JsonNode> samples = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "cdc-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SAMPLES));
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                var records = consumer.poll(Duration.ofMillis(300));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    samples.add(JSON.valueToTree(SampleCodec.decode(record.value())));
                }
            }
        }
        return samples;
    }

    /** The samples that carry row values (not "source down" reports). */
    private static List<JsonNode> rowSamples() {
        return allSamples().stream().filter(s -> "OK".equals(s.get("outcome").asString())).toList();
    }

    private static void startService() {
        port = FreePorts.next();
        management = FreePorts.next();
        service = new SpringApplicationBuilder(CdcApplication.class).run(
                "--server.port=" + port, "--management.server.port=" + management,
                "--spring.datasource.url=" + ownUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--spring.kafka.bootstrap-servers=" + kafka,
                "--chainwatch.cdc.secret-key=" + KEY,
                "--chainwatch.cdc.supervisor-interval=200ms",
                "--chainwatch.cdc.reconnect-min=200ms", "--chainwatch.cdc.reconnect-max=1s",
                "--chainwatch.cdc.status-interval=1s",
                "--" + TestCallers.PUBLIC_KEY_PROPERTY + "=" + TestCallers.publicKey(),
                "--chainwatch.security.urls.allow-loopback=true");
    }

    /** The application's database; its data directory survives a stop, so it can come back with its slot. */
    private static EmbeddedPostgres startAppDatabase() throws Exception {
        return SharedServers.ownPostgres(builder -> builder.setPort(appPort).setDataDirectory(appData)
                .setCleanDataDirectory(false).setServerConfig("wal_level", "logical"));
    }

    private static Connection appConnection() throws SQLException {
        return app.getPostgresDatabase().getConnection();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = appConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String source(String name, String table, String metrics, String tags) {
        return """
                {"orgId":"%s","chainId":"%s","name":"%s",
                 "database":{"jdbcUrl":"jdbc:postgresql://127.0.0.1:%d/postgres","username":"postgres","password":"app-password"},
                 "schema":"app","table":"%s","metrics":%s,"tags":%s}""".formatted(ORG, CHAIN, name, appPort, table, metrics, tags);
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cdc/sources"))
                .header("Content-Type", "application/json")
                .header(TestCallers.HEADER, TestCallers.platformAdmin("cdc-service")).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header(TestCallers.HEADER, TestCallers.platformAdmin("cdc-service")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
