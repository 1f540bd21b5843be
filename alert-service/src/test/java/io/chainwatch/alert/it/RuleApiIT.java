package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Http;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules and alerts REST API over HTTP: good requests and bad ones (400/404 problems, nothing written). */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class RuleApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static AlertApp app;
    private static final String ORG = UUID.randomUUID().toString();
    private static final String CHAIN = UUID.randomUUID().toString();
    private static final String OTHER_ORG = UUID.randomUUID().toString();

    @BeforeAll
    static void start() {
        app = new AlertApp(SharedServers.newDatabase("alert"), FreePorts.next()).start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void createReadListDelete() {
        HttpResponse<String> created = Http.post(app.url("/api/v1/rules"), """
                {"type": "chain_stalled", "orgId": "%s", "chainId": "%s", "forSeconds": 10, "severity": "critical",
                 "emailTo": ["ops@acme.example"]}""".formatted(ORG, CHAIN));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode rule = JSON.readTree(created.body());
        String id = rule.get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/rules/" + id);
        assertThat(rule.get("type").asString()).isEqualTo("chain_stalled");
        assertThat(rule.get("orgId").asString()).isEqualTo(ORG);
        assertThat(rule.get("chainId").asString()).isEqualTo(CHAIN);
        assertThat(rule.get("forSeconds").asInt()).isEqualTo(10);
        assertThat(rule.get("severity").asString()).isEqualTo("critical");
        assertThat(rule.get("emailTo").get(0).asString()).isEqualTo("ops@acme.example");

        HttpResponse<String> unreachable = Http.post(app.url("/api/v1/rules"), """
                {"type": "node_unreachable", "orgId": "%s", "chainId": "%s", "forSeconds": 5,
                 "emailTo": ["a@acme.example", "b@acme.example"]}""".formatted(ORG, CHAIN));
        assertThat(unreachable.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(unreachable.body()).get("severity").asString()).isEqualTo("critical");

        JsonNode fetched = JSON.readTree(Http.get(app.url("/api/v1/rules/" + id)).body());
        assertThat(fetched).isEqualTo(rule);
        JsonNode list = JSON.readTree(Http.get(app.url("/api/v1/rules?orgId=" + ORG)).body());
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(1).get("type").asString()).isEqualTo("node_unreachable");
        assertThat(JSON.readTree(Http.get(app.url("/api/v1/rules?orgId=" + UUID.randomUUID())).body()).size()).isZero();

        assertThat(Http.delete(app.url("/api/v1/rules/" + id)).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = Http.get(app.url("/api/v1/rules/" + id));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Http.delete(app.url("/api/v1/rules/" + id)).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown type        | {"type":"chain_exploded","orgId":"%1$s","chainId":"%2$s","forSeconds":5,"emailTo":["a@b.example"]} | Unknown rule type "chain_exploded"
            missing type        | {"orgId":"%1$s","chainId":"%2$s","forSeconds":5,"emailTo":["a@b.example"]}                         | Missing rule type
            missing orgId       | {"type":"chain_stalled","chainId":"%2$s","forSeconds":5,"emailTo":["a@b.example"]}                 | orgId is required
            missing chainId     | {"type":"node_unreachable","orgId":"%1$s","forSeconds":5,"emailTo":["a@b.example"]}                | chainId is required, unless options.allianceId
            malformed orgId     | {"type":"chain_stalled","orgId":"acme","chainId":"%2$s","forSeconds":5,"emailTo":["a@b.example"]}  | orgId
            forSeconds zero     | {"type":"chain_stalled","orgId":"%1$s","chainId":"%2$s","forSeconds":0,"emailTo":["a@b.example"]}  | forSeconds must be greater than or equal to 1
            forSeconds too long | {"type":"chain_stalled","orgId":"%1$s","chainId":"%2$s","forSeconds":86401,"emailTo":["a@b.example"]} | forSeconds must be less than or equal to 86400
            forSeconds missing  | {"type":"chain_stalled","orgId":"%1$s","chainId":"%2$s","emailTo":["a@b.example"]}                 | forSeconds must not be null
            forSeconds text     | {"type":"chain_stalled","orgId":"%1$s","chainId":"%2$s","forSeconds":"soon","emailTo":["a@b.example"]} | forSeconds
            bad address         | {"type":"chain_stalled","orgId":"%1$s","chainId":"%2$s","forSeconds":5,"emailTo":["not-an-address"]} | emailTo[0] must be a well-formed email address
            malformed json      | {"type":"chain_stalled",                                                                             | The request body is not valid JSON
            """)
    void badRuleIsRejectedAndNothingIsWritten(String what, String bodyTemplate, String expected) {
        long before = rules();
        HttpResponse<String> r = Http.post(app.url("/api/v1/rules"), bodyTemplate.formatted(ORG, CHAIN));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).contains(expected);
        assertThat(rules()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/rules/not-a-uuid                 | 400
            /api/v1/rules?orgId=acme                 | 400
            /api/v1/rules/00000000-0000-0000-0000-000000000001 | 404
            /api/v1/alerts?status=BURNING            | 400
            /api/v1/alerts?orgId=acme                | 400
            """)
    void badLookupsAreProblems(String path, int status) {
        HttpResponse<String> r = Http.get(app.url(path));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void alertsAreListedByOrganizationAndStatus() {
        HttpResponse<String> r = Http.get(app.url("/api/v1/alerts?orgId=" + ORG + "&status=FIRING"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[]");
        assertThat(Http.get(app.url("/api/v1/alerts?status=RESOLVED")).statusCode()).isEqualTo(200);
    }

    @Test
    void actuatorExposesHealthAndPrometheusOnTheManagementPortOnly() {
        assertThat(Http.get(app.managementUrl("/actuator/health")).body()).contains("\"status\":\"UP\"");
        String metrics = Http.get(app.managementUrl("/actuator/prometheus")).body();
        assertThat(metrics).contains("chainwatch_outbox_pending");
        // the API port (the one the gateway forwards to) serves no actuator endpoint
        for (String path : List.of("/actuator/prometheus", "/actuator/health")) {
            assertThat(Http.get(app.url(path)).statusCode()).as(path).isIn(401, 404);
        }
    }

    @Test
    void everyRuleTypeRoundTripsWithItsOptions() {
        for (String body : List.of(
                """
                {"type":"threshold","orgId":"%1$s","chainId":"%2$s","forSeconds":30,"severity":"warning",
                 "emailTo":["a@b.example"],"reading":"peer.count","operator":"<","value":2,
                 "options":{"match":[{"label":"node","op":"=~","value":"geth-.*"}],"summary":"{node}: {value} peers",
                 "repeatSeconds":3600,"escalateAfterSeconds":600}}""",
                """
                {"type":"lagging","orgId":"%1$s","chainId":"%2$s","forSeconds":30,"emailTo":["a@b.example"],"blocks":5}""",
                """
                {"type":"rate","orgId":"%1$s","chainId":"%2$s","forSeconds":60,"emailTo":["a@b.example"],
                 "numerator":"fabric.tx.invalid","denominator":"fabric.tx.count","windowSeconds":300,"operator":">","value":0.05}""",
                """
                {"type":"chain_stalled","orgId":"%1$s","chainId":"%2$s","forSeconds":30,"emailTo":["a@b.example"],
                 "mode":"pending_transactions"}""")) {
            HttpResponse<String> r = Http.post(app.url("/api/v1/rules"), body.formatted(OTHER_ORG, CHAIN));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode created = JSON.readTree(r.body());
            JsonNode fetched = JSON.readTree(Http.get(app.url("/api/v1/rules/" + created.get("id").asString())).body());
            assertThat(fetched).isEqualTo(created);
            JsonNode sent = JSON.readTree(body.formatted(OTHER_ORG, CHAIN));
            sent.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    assertThat(created.get(e.getKey()).asDouble()).as(e.getKey()).isEqualTo(e.getValue().asDouble());
                } else {
                    assertThat(created.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
                }
            });
        }
    }

    @Test
    void validateSaysValidOrNamesTheProblemAndWritesNothing() {
        long before = rules();
        HttpResponse<String> ok = Http.post(app.url("/api/v1/rules/validate"), """
                {"type":"threshold","orgId":"%s","chainId":"%s","forSeconds":5,"emailTo":["a@b.example"],
                 "reading":"peer.count","operator":">=","value":1}""".formatted(OTHER_ORG, CHAIN));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("valid").asBoolean()).isTrue();
        HttpResponse<String> badOp = Http.post(app.url("/api/v1/rules/validate"), """
                {"type":"threshold","orgId":"%s","chainId":"%s","forSeconds":5,"emailTo":["a@b.example"],
                 "reading":"peer.count","operator":"=>","value":1}""".formatted(OTHER_ORG, CHAIN));
        assertThat(badOp.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badOp.body()).get("detail").asString()).contains("operator must be one of");
        HttpResponse<String> missing = Http.post(app.url("/api/v1/rules/validate"), """
                {"type":"lagging","orgId":"%s","chainId":"%s","forSeconds":5,"emailTo":["a@b.example"]}"""
                .formatted(OTHER_ORG, CHAIN));
        assertThat(JSON.readTree(missing.body()).get("detail").asString()).contains("blocks must not be null");
        HttpResponse<String> badRegex = Http.post(app.url("/api/v1/rules"), """
                {"type":"lagging","orgId":"%s","chainId":"%s","forSeconds":5,"emailTo":["a@b.example"],"blocks":3,
                 "options":{"match":[{"label":"node","op":"=~","value":"("}]}}""".formatted(OTHER_ORG, CHAIN));
        assertThat(badRegex.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badRegex.body()).get("detail").asString()).contains("invalid regular expression");
        assertThat(rules()).isEqualTo(before);
    }

    @Test
    void enableAndDisable() {
        String id = JSON.readTree(Http.post(app.url("/api/v1/rules"), """
                {"type":"node_unreachable","orgId":"%s","chainId":"%s","forSeconds":5,"emailTo":["a@b.example"]}"""
                .formatted(OTHER_ORG, CHAIN)).body()).get("id").asString();
        assertThat(JSON.readTree(Http.get(app.url("/api/v1/rules/" + id + "/enabled")).body()).get("enabled").asBoolean())
                .isTrue();
        assertThat(Http.post(app.url("/api/v1/rules/" + id + "/disable"), "").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(Http.get(app.url("/api/v1/rules/" + id + "/enabled")).body()).get("enabled").asBoolean())
                .isFalse();
        assertThat(app.context().getBean(io.chainwatch.alert.ruleset.RuleStore.class).enabled())
                .noneMatch(r -> r.id().toString().equals(id));
        assertThat(Http.post(app.url("/api/v1/rules/" + id + "/enable"), "").statusCode()).isEqualTo(200);
        assertThat(app.context().getBean(io.chainwatch.alert.ruleset.RuleStore.class).enabled())
                .anyMatch(r -> r.id().toString().equals(id));
        assertThat(Http.post(app.url("/api/v1/rules/" + UUID.randomUUID() + "/enable"), "").statusCode()).isEqualTo(404);
    }

    @Test
    void dryRunReplaysTheRecentSamples() {
        String chain = UUID.randomUUID().toString();
        io.chainwatch.events.NodeTarget node = io.chainwatch.alert.support.ITSupport.target("node-dry", OTHER_ORG, "chain-dry", chain);
        try (io.chainwatch.alert.support.Feeds feeds = new io.chainwatch.alert.support.Feeds()) {
            feeds.target(node);
            long[] h = {100};
            long start = System.currentTimeMillis();
            // height rises for 2 s, then stands still for 4 s
            feeds.every(java.time.Duration.ofMillis(200), () -> io.chainwatch.alert.support.Feeds.ok(node,
                    System.currentTimeMillis() - start < 2000 ? ++h[0] : h[0]));
            io.chainwatch.alert.support.Mail.sleep(6500);
        }
        String stalled = """
                {"type":"chain_stalled","orgId":"%s","chainId":"%s","forSeconds":%d,"emailTo":["a@b.example"]}""";
        JsonNode fired = JSON.readTree(Http.post(app.url("/api/v1/rules/dry-run?minutes=5"),
                stalled.formatted(OTHER_ORG, chain, 2)).body());
        assertThat(fired.get("wouldHaveFired").asBoolean()).as(fired.toString()).isTrue();
        assertThat(fired.get("samples").asInt()).isGreaterThan(20);
        assertThat(fired.get("transitions").get(0).get("status").asString()).isEqualTo("FIRING");
        JsonNode quiet = JSON.readTree(Http.post(app.url("/api/v1/rules/dry-run?minutes=5"),
                stalled.formatted(OTHER_ORG, chain, 60)).body());
        assertThat(quiet.get("wouldHaveFired").asBoolean()).as(quiet.toString()).isFalse();
        assertThat(Http.post(app.url("/api/v1/rules/dry-run?minutes=0"), stalled.formatted(OTHER_ORG, chain, 2)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void receiversAreValidatedAndTheirSecretIsNotShown() {
        HttpResponse<String> ok = Http.post(app.url("/api/v1/receivers"), """
                {"orgId":"%s","name":"hook","channel":"webhook","address":"https://203.0.113.10/x","secret":"s3cret",
                 "severities":["critical"]}""".formatted(OTHER_ORG));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(ok.body()).doesNotContain("s3cret");
        String id = JSON.readTree(ok.body()).get("id").asString();
        assertThat(Http.get(app.url("/api/v1/receivers/" + id)).body()).doesNotContain("s3cret").contains("\"severities\":[\"critical\"]")
                .contains("\"secretSet\":true");
        assertThat(Http.post(app.url("/api/v1/receivers"), """
                {"orgId":"%s","name":"x","channel":"pigeon","address":"coop"}""".formatted(ORG)).statusCode()).isEqualTo(400);
        assertThat(Http.post(app.url("/api/v1/receivers"), """
                {"orgId":"%s","name":"y","channel":"email","address":"nobody"}""".formatted(ORG)).statusCode()).isEqualTo(400);
        assertThat(Http.delete(app.url("/api/v1/receivers/" + id)).statusCode()).isEqualTo(204);
        assertThat(Http.get(app.url("/api/v1/receivers/" + id)).statusCode()).isEqualTo(404);
    }

    @Test
    void aRuleWithoutRecipientsIsValidAndValidateWarnsWhenNobodyIsRouted() {
        String lonelyOrg = UUID.randomUUID().toString();
        String rule = """
                {"type":"chain_stalled","orgId":"%s","chainId":"%s","forSeconds":5,"severity":"warning"}"""
                .formatted(lonelyOrg, CHAIN);
        HttpResponse<String> unrouted = Http.post(app.url("/api/v1/rules/validate"), rule);
        assertThat(unrouted.statusCode()).as(unrouted.body()).isEqualTo(200);
        JsonNode warned = JSON.readTree(unrouted.body());
        assertThat(warned.get("valid").asBoolean()).isTrue();
        assertThat(warned.get("warnings").get(0).asString()).startsWith("nobody is notified");

        assertThat(Http.post(app.url("/api/v1/receivers"), """
                {"orgId":"%s","name":"warnings","channel":"email","address":"warn@acme.example","severities":["warning"]}"""
                .formatted(lonelyOrg)).statusCode()).isEqualTo(201);
        JsonNode routed = JSON.readTree(Http.post(app.url("/api/v1/rules/validate"), rule).body());
        assertThat(routed.get("warnings")).isEmpty();

        HttpResponse<String> created = Http.post(app.url("/api/v1/rules"), rule);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).get("emailTo")).isEmpty();
        assertThat(Http.get(app.url("/api/v1/rules?orgId=" + lonelyOrg)).body())
                .contains(JSON.readTree(created.body()).get("id").asString());
    }

    @Test
    void anAllianceRuleMayLeaveTheChainOut() {
        String alliance = java.util.UUID.randomUUID().toString();
        HttpResponse<String> created = Http.post(app.url("/api/v1/rules"), """
                {"type":"node_unreachable","orgId":"%s","forSeconds":5,"options":{"allianceId":"%s"}}"""
                .formatted(OTHER_ORG, alliance));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode rule = JSON.readTree(created.body());
        assertThat(rule.get("options").get("allianceId").asString()).isEqualTo(alliance);
        assertThat(JSON.readTree(Http.get(app.url("/api/v1/rules/" + rule.get("id").asString())).body()))
                .isEqualTo(rule);
        HttpResponse<String> dry = Http.post(app.url("/api/v1/rules/" + rule.get("id").asString() + "/dry-run"), "");
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);

        // an alliance id is a registry id: anything else is refused, naming the field, and nothing is written
        long before = app.jdbc().sql("select count(*) from alert.rule").query(Long.class).single();
        HttpResponse<String> bad = Http.post(app.url("/api/v1/rules"), """
                {"type":"node_unreachable","orgId":"%s","forSeconds":5,"options":{"allianceId":"alliance-42"}}"""
                .formatted(OTHER_ORG));
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("options.allianceId");
        assertThat(app.jdbc().sql("select count(*) from alert.rule").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void plaintextSecretsOfOlderVersionsAreEncryptedAtStartup() {
        java.util.UUID id = java.util.UUID.randomUUID();
        app.jdbc().sql("""
                insert into alert.receiver (id, org_id, name, channel, address, secret)
                values (:id, cast(:org as uuid), 'old-hook', 'webhook', 'https://203.0.113.9/hook', 'old-plain-secret')""")
                .param("id", id).param("org", OTHER_ORG).update();
        var repository = app.context().getBean(io.chainwatch.alert.receiver.ReceiverRepository.class);
        assertThat(Http.get(app.url("/api/v1/receivers/" + id)).body()).doesNotContain("old-plain-secret")
                .contains("\"secretSet\":true");
        assertThat(repository.encryptPlaintextSecrets()).isEqualTo(1);
        assertThat(repository.encryptPlaintextSecrets()).isZero();
        Map<String, Object> row = app.jdbc().sql("select secret, secret_ciphertext from alert.receiver where id = :id")
                .param("id", id).query().singleRow();
        assertThat(row.get("secret")).isNull();
        assertThat((String) row.get("secret_ciphertext")).startsWith("k1:").doesNotContain("old-plain-secret");
        assertThat(repository.find(id).orElseThrow().secret()).as("decrypted for signing").isEqualTo("old-plain-secret");
    }

    private static long rules() {
        return app.jdbc().sql("select count(*) from alert.rule").query(Long.class).single();
    }
}
