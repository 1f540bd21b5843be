package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Findings of the security review (docs/security.md), over HTTP against the real service, PostgreSQL and Kafka:
 * control characters are refused with a 400 problem (and validate agrees with create on every input), a duplicate
 * receiver name is a 409, a rule naming another organization's chain or an unknown one is a 404, silences' times
 * are bounded, and the actor of an acknowledgement or silence is the caller, not the body. Nothing is written by
 * a refused request.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class RequestSafetyIT {

    private static final String ORG = UUID.randomUUID().toString();
    private static final String OTHER_ORG = UUID.randomUUID().toString();
    private static final String CHAIN = UUID.randomUUID().toString();
    private static final String OTHER_CHAIN = UUID.randomUUID().toString();
    private static AlertApp app;
    private static Feeds feeds;
    private static Http operator;

    @BeforeAll
    static void start() {
        app = new AlertApp(SharedServers.newDatabase("alert"), FreePorts.next())
                .with("chainwatch.alert.rules.require-known-chain", "true").start();
        feeds = new Feeds();
        feeds.target(ITSupport.target("node-own", ORG, "own", CHAIN));
        feeds.target(ITSupport.target("node-other", OTHER_ORG, "other", OTHER_CHAIN));
        operator = Http.as(TestCallers.member(UUID.fromString(ORG), Role.ORG_ADMIN, Http.SERVICE));
        // the service knows both chains once it has read their targets
        await().atMost(Duration.ofSeconds(60)).until(() -> operator.postJson(app.url("/api/v1/rules/validate"),
                rule(CHAIN, "\"warning\"")).statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (feeds != null) {
            feeds.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private static String rule(String chain, String severityJson) {
        return """
                {"type":"chain_stalled","chainId":"%s","forSeconds":30,"severity":%s,"emailTo":["ops@example.com"]}"""
                .formatted(chain, severityJson);
    }

    private long rules() {
        return app.jdbc().sql("select count(*) from alert.rule").query(Long.class).single();
    }

    private long receivers() {
        return app.jdbc().sql("select count(*) from alert.receiver").query(Long.class).single();
    }

    @Test
    void controlCharactersAreA400AndValidateAgreesWithCreateOnEveryInput() {
        List<String> severities = List.of("\"critical\"", "\"crit\\u0000ical\"", "\"warn\\u0001\"", "\"\\u007f\"",
                "\"warning\\\\u0000\"", "\"Critical\"", "\"\"", "null", "42", "\"a\\ttab\"", "\"x\\u001b[31m\"",
                "\"" + "w".repeat(40) + "\"");
        List<String> disagreements = new ArrayList<>();
        for (String severity : severities) {
            long before = rules();
            HttpResponse<String> validate = operator.postJson(app.url("/api/v1/rules/validate"), rule(CHAIN, severity));
            HttpResponse<String> create = operator.postJson(app.url("/api/v1/rules"), rule(CHAIN, severity));
            assertThat(validate.statusCode()).as(severity + ": " + validate.body()).isLessThan(500);
            assertThat(create.statusCode()).as(severity + ": " + create.body()).isLessThan(500);
            boolean valid = validate.statusCode() == 200;
            boolean created = create.statusCode() == 201;
            if (valid != created) {
                disagreements.add(severity + ": validate " + validate.statusCode() + ", create " + create.statusCode());
            }
            if (!created) {
                assertThat(create.headers().firstValue("Content-Type")).hasValueSatisfying(
                        ct -> assertThat(ct).startsWith("application/problem+json"));
                assertThat(rules()).as(severity).isEqualTo(before);
            }
        }
        assertThat(disagreements).isEmpty();
        HttpResponse<String> nul = operator.postJson(app.url("/api/v1/rules"), rule(CHAIN, "\"crit\\u0000ical\""));
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("U+0000");
        // in a receiver, a silence and a query parameter too
        long receiversBefore = receivers();
        assertThat(operator.postJson(app.url("/api/v1/receivers"), """
                {"name":"ops\\u0000","channel":"email","address":"ops@example.com"}""").statusCode()).isEqualTo(400);
        assertThat(receivers()).isEqualTo(receiversBefore);
        assertThat(operator.getJson(app.url("/api/v1/alerts?status=FIRING%00")).statusCode()).isEqualTo(400);
    }

    @Test
    void aDuplicateReceiverNameIsAConflict() {
        String body = """
                {"name":"ops-%s","channel":"email","address":"ops@example.com"}""".formatted(UUID.randomUUID());
        assertThat(operator.postJson(app.url("/api/v1/receivers"), body).statusCode()).isEqualTo(201);
        long before = receivers();
        HttpResponse<String> again = operator.postJson(app.url("/api/v1/receivers"), body);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(receivers()).isEqualTo(before);
    }

    @Test
    void aRuleOnAnotherOrganizationsChainOrAnUnknownOneIsNotFound() {
        long before = rules();
        for (String chain : List.of(OTHER_CHAIN, UUID.randomUUID().toString())) {
            for (String path : List.of("/api/v1/rules", "/api/v1/rules/validate", "/api/v1/rules/dry-run")) {
                HttpResponse<String> r = operator.postJson(app.url(path), rule(chain, "\"critical\""));
                assertThat(r.statusCode()).as(path + " " + chain + ": " + r.body()).isEqualTo(404);
            }
        }
        assertThat(rules()).isEqualTo(before);
        assertThat(operator.postJson(app.url("/api/v1/rules"), rule(CHAIN, "\"critical\"")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void silenceTimesAreBoundedAndTheActorIsTheCaller() {
        long before = app.jdbc().sql("select count(*) from alert.silence").query(Long.class).single();
        HttpResponse<String> huge = operator.postJson(app.url("/api/v1/silences"), """
                {"matchers":[{"label":"chain","value":"x"}],"startsAt":1e308,"endsAt":"2030-01-01T00:00:00Z"}""");
        assertThat(huge.statusCode()).as(huge.body()).isEqualTo(400);
        assertThat(app.jdbc().sql("select count(*) from alert.silence").query(Long.class).single()).isEqualTo(before);

        HttpResponse<String> created = operator.postJson(app.url("/api/v1/silences"), """
                {"matchers":[{"label":"chain","value":"x"}],"startsAt":"2030-01-01T00:00:00Z",
                 "endsAt":"2030-01-02T00:00:00Z","createdBy":"someone-else"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("someone-else");
    }
}
