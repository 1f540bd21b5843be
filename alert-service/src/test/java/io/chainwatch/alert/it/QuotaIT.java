package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Http;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.TestCallers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quotas of an organization in the alert service, over HTTP against PostgreSQL: a platform admin's overrides,
 * limits and usage in the view, and rules, receivers or recipients over the limit refused with a 409 problem naming
 * the quota, nothing written.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class QuotaIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ORG = UUID.randomUUID().toString();
    private static final String CHAIN = UUID.randomUUID().toString();
    private static AlertApp app;
    private static Http member;

    @BeforeAll
    static void start() {
        app = new AlertApp(SharedServers.newDatabase("alert"), FreePorts.next()).start();
        member = Http.as(TestCallers.member(UUID.fromString(ORG), Role.ORG_ADMIN, Http.SERVICE));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String rule(int recipients) {
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < recipients; i++) {
            to.append(i == 0 ? "" : ",").append("\"r").append(i).append("@example.com\"");
        }
        return """
                {"type":"chain_stalled","chainId":"%s","forSeconds":30,"emailTo":[%s]}""".formatted(CHAIN, to);
    }

    private static long count(String table) {
        return app.jdbc().sql("select count(*) from alert." + table).query(Long.class).single();
    }

    @Test
    void countsOverTheLimitAreA409NamingTheQuotaAndNothingIsWritten() throws Exception {
        HttpResponse<String> set = Http.as(Http.admin()).putJson(app.url("/api/v1/quotas?orgId=" + ORG),
                "{\"rules\": 1, \"receivers\": 1, \"recipients-per-rule\": 2, \"sms-per-hour\": 3}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

        HttpResponse<String> tooMany = member.postJson(app.url("/api/v1/rules/validate"), rule(3));
        assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(409);
        assertThat(JSON.readTree(tooMany.body()).path("quota").asString()).isEqualTo("recipients-per-rule");
        assertThat(member.postJson(app.url("/api/v1/rules"), rule(3)).statusCode()).isEqualTo(409);
        assertThat(count("rule")).isZero();

        assertThat(member.postJson(app.url("/api/v1/rules"), rule(2)).statusCode()).isEqualTo(201);
        HttpResponse<String> second = member.postJson(app.url("/api/v1/rules"), rule(1));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(second.body()).path("quota").asString()).isEqualTo("rules");
        assertThat(count("rule")).isEqualTo(1);

        String receiver = "{\"name\":\"%s\",\"channel\":\"email\",\"address\":\"ops@example.com\"}";
        assertThat(member.postJson(app.url("/api/v1/receivers"), receiver.formatted("a")).statusCode()).isEqualTo(201);
        HttpResponse<String> another = member.postJson(app.url("/api/v1/receivers"), receiver.formatted("b"));
        assertThat(another.statusCode()).as(another.body()).isEqualTo(409);
        assertThat(JSON.readTree(another.body()).path("quota").asString()).isEqualTo("receivers");
        assertThat(count("receiver")).isEqualTo(1);

        JsonNode view = JSON.readTree(member.getJson(app.url("/api/v1/quotas?orgId=" + ORG)).body());
        assertThat(view.toString()).contains("\"name\":\"rules\",\"limit\":1,\"used\":1")
                .contains("\"name\":\"sms-per-hour\",\"limit\":3,\"used\":0");
    }

    @Test
    void onlyAPlatformAdminChangesQuotasAndOtherOrganizationsSeeNothing() {
        assertThat(member.putJson(app.url("/api/v1/quotas?orgId=" + ORG), "{\"rules\": 9999}").statusCode())
                .isEqualTo(403);
        assertThat(member.getJson(app.url("/api/v1/quotas?orgId=" + UUID.randomUUID())).statusCode()).isEqualTo(404);
        assertThat(Http.as(Http.admin()).putJson(app.url("/api/v1/quotas?orgId=" + ORG), "{\"nodes\": 1}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> defaults = member.getJson(app.url("/api/v1/quotas?orgId=" + ORG));
        assertThat(defaults.statusCode()).isEqualTo(200);
        assertThat(defaults.body()).contains("\"receivers\"", "\"recipients-per-rule\"", "\"sms-per-hour\"");
    }
}
