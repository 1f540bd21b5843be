package io.chainwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.SampleCodec;
import io.chainwatch.events.Topics;
import io.chainwatch.testkit.Anvil;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The foundation's path, real from end to end: a real anvil, the embedded Kafka broker, embedded PostgreSQL,
 * GreenMail as the SMTP server, and the four services as separate processes built from this repository.
 * A node is registered through the gateway; mining is stopped, resumed, and the node is killed; the inbox must
 * hold exactly one mail per transition. Then business rows written into a table of the PostgreSQL become samples
 * through change-data-capture, and a threshold rule on them mails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    private static final int STALL_SECONDS = 4;
    private static final int UNREACHABLE_SECONDS = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LocalStack stack;
    private static ApiClient api;
    private static String orgId;
    private static String chainId;
    private static String nodeId;

    @BeforeAll
    static void startStack() throws Exception {
        Path work = Files.createTempDirectory("chainwatch-e2e");
        LocalStack.Settings settings = LocalStack.Settings.ephemeral(LocalStackMain.repoRoot(), work)
                .withRules(STALL_SECONDS, UNREACHABLE_SECONDS, "oncall@acme.example");
        stack = LocalStack.start(settings);
        api = stack.api();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void registersANodeThroughTheGatewayAndItsSamplesReachKafka() throws Exception {
        orgId = api.create("/api/v1/organizations", "{\"name\":\"acme\",\"contactEmail\":\"oncall@acme.example\"}");
        chainId = api.create("/api/v1/chains", "{\"orgId\":\"" + orgId + "\",\"name\":\"acme-anvil\",\"platform\":\"ETHEREUM\"}");
        nodeId = api.create("/api/v1/nodes", "{\"chainId\":\"" + chainId + "\",\"name\":\"anvil-a\",\"rpcUrl\":\""
                + stack.anvil().rpcUrl() + "\",\"pollIntervalMs\":1000}");
        stack.createDefaultRules(api, orgId, chainId);

        try (KafkaConsumer<String, byte[]> consumer = samplesConsumer()) {
            consumer.subscribe(List.of(Topics.SAMPLES));
            JsonNode sample = await().atMost(Duration.ofSeconds(60)).until(() -> firstSampleOf(consumer, nodeId), s -> s != null);
            assertThat(sample.get("chainId").asString()).isEqualTo(chainId);
            assertThat(sample.get("outcome").asString()).isEqualTo("OK");
            assertThat(sample.get("readings").get("block.height").asDouble()).isPositive();
            assertThat(sample.get("readings").get("chain.id").asDouble()).isEqualTo(31337.0);
        }

        String metrics = new ApiClient(stack.service("collector-service").managementUrl(), null)
                .get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("chainwatch_node_block_height\\{[^}]*chain=\"acme-anvil\"[^}]*\\} [1-9]");
    }

    @Test
    @Order(2)
    void badInputThroughTheGatewayGetsAProblemAndWritesNothing() {
        int nodesBefore = api.get("/api/v1/nodes?chainId=" + chainId).json().size();

        ApiClient.Response malformedUrl = api.post("/api/v1/nodes",
                "{\"chainId\":\"" + chainId + "\",\"name\":\"bad\",\"rpcUrl\":\"not a url\"}");
        ApiClient.Response unknownChain = api.post("/api/v1/nodes",
                "{\"chainId\":\"" + UUID.randomUUID() + "\",\"name\":\"bad\",\"rpcUrl\":\"http://127.0.0.1:1\"}");

        assertThat(malformedUrl.status()).isEqualTo(400);
        assertThat(unknownChain.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/nodes?chainId=" + chainId).json().size()).isEqualTo(nodesBefore);
    }

    @Test
    @Order(3)
    void stoppingMiningMailsExactlyOneStalledAndResumingExactlyOneResolved() {
        stack.anvil().stopMining();
        awaitMails("[FIRING] Chain stalled", 1, Duration.ofSeconds(STALL_SECONDS + 30));
        MailCatcher.Mail stalled = mails("[FIRING] Chain stalled").get(0);
        assertThat(stalled.to()).contains("oncall@acme.example");
        assertThat(stalled.body()).contains("acme-anvil").contains("acme");

        stack.anvil().resumeMining(1);
        awaitMails("[RESOLVED] Chain stalled", 1, Duration.ofSeconds(30));

        // a quiet period: nothing is announced twice
        sleep(Duration.ofSeconds(STALL_SECONDS + 2));
        assertThat(mails("[FIRING] Chain stalled")).hasSize(1);
        assertThat(mails("[RESOLVED] Chain stalled")).hasSize(1);
    }

    @Test
    @Order(4)
    void aNodeLeftBehindMailsLaggingAndCatchingUpResolvesIt() {
        // a second node of the chain: an anvil brought level with the first, then its block production stopped
        try (Anvil second = Anvil.start(1, stack.settings().workDir().resolve("logs").resolve("anvil-b.log"))) {
            catchUp(second);
            String nodeB = api.create("/api/v1/nodes", "{\"chainId\":\"" + chainId + "\",\"name\":\"anvil-b\","
                    + "\"rpcUrl\":\"" + second.rpcUrl() + "\",\"pollIntervalMs\":1000}");
            String rule = api.create("/api/v1/rules", "{\"type\":\"lagging\",\"orgId\":\"" + orgId + "\",\"chainId\":\""
                    + chainId + "\",\"blocks\":3,\"forSeconds\":3,\"severity\":\"warning\","
                    + "\"emailTo\":[\"oncall@acme.example\"]}");
            sleep(Duration.ofSeconds(3)); // both polled, level: nothing fires
            assertThat(mails("[FIRING] Node lagging")).isEmpty();

            second.stopMining();
            awaitMails("[FIRING] Node lagging", 1, Duration.ofSeconds(40));
            MailCatcher.Mail lagging = mails("[FIRING] Node lagging").get(0);
            assertThat(lagging.subject()).contains("anvil-b").contains("acme-anvil").doesNotContain("anvil-a");

            catchUp(second);
            second.resumeMining(1);
            awaitMails("[RESOLVED] Node lagging", 1, Duration.ofSeconds(30));
            assertThat(mails("[FIRING] Chain stalled")).as("the chain went on: no stall").hasSize(1);

            assertThat(api.delete("/api/v1/rules/" + rule).status()).isEqualTo(204);
            assertThat(api.delete("/api/v1/nodes/" + nodeB).status()).isEqualTo(204);
        }
    }

    @Test
    @Order(5)
    void killingTheNodeMailsUnreachable() {
        stack.anvil().kill();
        awaitMails("[FIRING] Node unreachable", 1, Duration.ofSeconds(UNREACHABLE_SECONDS + 30));
        MailCatcher.Mail unreachable = mails("[FIRING] Node unreachable").get(0);
        assertThat(unreachable.subject()).contains("anvil-a").contains("acme-anvil");

        sleep(Duration.ofSeconds(STALL_SECONDS + 2));
        assertThat(mails("[FIRING] Node unreachable")).hasSize(1);
        assertThat(mails("[FIRING] Chain stalled")).as("a dead node is unreachable, not a second stall").hasSize(1);
    }

    @Test
    @Order(6)
    void rowsAnApplicationWritesBecomeSamplesAndAThresholdRuleOnThemMails() throws Exception {
        sql("CREATE TABLE public.settlement (id serial PRIMARY KEY, amount numeric(18,2), currency text, note text)");
        String sourceId = api.create("/api/v1/cdc/sources", """
                {"orgId":"%s","chainId":"%s","name":"settlements",
                 "database":{"jdbcUrl":"%s","username":"postgres","password":"postgres"},
                 "schema":"public","table":"settlement","metrics":{"amount":"settlement.amount"},"tags":["currency"]}"""
                .formatted(orgId, chainId, stack.jdbcUrl()));
        ApiClient.Response textColumn = api.post("/api/v1/cdc/sources", """
                {"orgId":"%s","chainId":"%s","name":"notes",
                 "database":{"jdbcUrl":"%s","username":"postgres","password":"postgres"},
                 "schema":"public","table":"settlement","metrics":{"note":"settlement.note"}}"""
                .formatted(orgId, chainId, stack.jdbcUrl()));
        assertThat(textColumn.status()).isEqualTo(400);
        assertThat(textColumn.body()).contains("not numeric");
        api.create("/api/v1/rules", """
                {"type":"threshold","orgId":"%s","chainId":"%s","forSeconds":1,"severity":"warning",
                 "emailTo":["oncall@acme.example"],"reading":"settlement.amount","operator":">","value":1000}"""
                .formatted(orgId, chainId));

        try (KafkaConsumer<String, byte[]> consumer = samplesConsumer()) {
            consumer.subscribe(List.of(Topics.SAMPLES));
            sql("INSERT INTO public.settlement (amount, currency, note) VALUES (12.50, 'USD', 'small')");
            JsonNode sample = await().atMost(Duration.ofSeconds(30)).until(() -> firstSampleOf(consumer, sourceId), s -> s != null);
            assertThat(sample.get("readings").get("settlement.amount").asDouble()).isEqualTo(12.5);
            assertThat(sample.get("info").get("currency").asString()).isEqualTo("USD");
        }
        sql("INSERT INTO public.settlement (amount, currency) VALUES (5000, 'USD')");
        Thread.sleep(1500);
        sql("INSERT INTO public.settlement (amount, currency) VALUES (7000, 'USD')");

        awaitMails("[FIRING] Threshold", 1, Duration.ofSeconds(30));
        assertThat(mails("[FIRING] Threshold").get(0).body()).contains("settlement.amount");
        sql("INSERT INTO public.settlement (amount, currency) VALUES (10, 'USD')");
        awaitMails("[RESOLVED] Threshold", 1, Duration.ofSeconds(30));
    }

    @Test
    @Order(7)
    void aPersonSignsInAtTheIdentityServiceAndUsesTheApiWithTheToken() throws Exception {
        OidcSignIn signIn = new OidcSignIn(stack.identityUrl(), "chainwatch-console", stack.gatewayUrl() + "/auth/callback");
        OidcSignIn.Result wrong = signIn.signIn("admin", "guess");
        assertThat(wrong.tokenBody()).isNull();
        assertThat(wrong.login().headers().firstValue("Location").orElse("")).contains("/login?error");
        String token = stack.signIn("admin", stack.adminPassword());

        java.net.http.HttpResponse<String> organizations = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.gatewayUrl() + "/api/v1/organizations"))
                        .header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(organizations.statusCode()).isEqualTo(200);
        assertThat(organizations.body()).contains("\"name\":\"acme\"");
    }

    private static void sql(String statement) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(stack.jdbcUrl(), "postgres", "postgres");
             java.sql.Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Mines on {@code node} until it is as high as the stack's anvil (both then go on at one block a second). */
    private static void catchUp(Anvil node) {
        long behind = stack.anvil().blockNumber() - node.blockNumber();
        if (behind > 0) {
            node.mine((int) behind);
        }
    }

    private static void awaitMails(String subjectPrefix, int count, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(mails(subjectPrefix)).hasSize(count));
    }

    private static List<MailCatcher.Mail> mails(String subjectPrefix) {
        return stack.mail().messages().stream().filter(m -> m.subject().startsWith(subjectPrefix)).toList();
    }

    private static JsonNode firstSampleOf(KafkaConsumer<String, byte[]> consumer, String nodeId) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            JsonNode sample = JSON.valueToTree(SampleCodec.decode(record.value()));
            if (nodeId.equals(sample.get("nodeId").asString())) {
                return sample;
            }
        }
        return null;
    }

    private static KafkaConsumer<String, byte[]> samplesConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
