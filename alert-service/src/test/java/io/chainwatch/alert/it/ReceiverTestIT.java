package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AppWithMail;
import io.chainwatch.alert.support.AuditReader;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.security.Role;
import io.chainwatch.testkit.TestCallers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/v1/receivers/{id}/test} over HTTP against PostgreSQL, GreenMail (SMTP) and embedded Kafka: an
 * operator's test of an e-mail receiver arrives as one mail marked "[TEST]", through the outbox (the answer's ids are
 * outbox rows, marked sent), audited as {@code receiver.test} on {@code chainwatch.audit}; a viewer is refused (403),
 * another organization's operator gets a 404 as for a missing receiver, nothing enqueued; a test SMS counts against
 * the SMS per hour and is refused with a 409 naming the quota when it is used up.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class ReceiverTestIT {

    @RegisterExtension
    static final AppWithMail SERVICE = new AppWithMail();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static long outboxRows() {
        return SERVICE.app().jdbc().sql("select count(*) from alert.notification_outbox").query(Long.class).single();
    }

    private static String create(Http admin, String body) throws Exception {
        HttpResponse<String> created = admin.postJson(SERVICE.app().url("/api/v1/receivers"), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }

    @Test
    void anOperatorsTestMailArrivesThroughTheOutboxAndIsAudited() throws Exception {
        UUID org = UUID.randomUUID();
        String to = "oncall-" + org + "@example.com";
        List<JsonNode> audit = new CopyOnWriteArrayList<>();
        try (AuditReader reader = new AuditReader(org.toString(), audit)) {
            String id = create(Http.as(TestCallers.member(org, Role.ORG_ADMIN, Http.SERVICE)),
                    "{\"name\":\"on-call\",\"channel\":\"email\",\"address\":\"" + to + "\"}");
            HttpResponse<String> sent = Http.as(TestCallers.member(org, Role.OPERATOR, Http.SERVICE))
                    .postJson(SERVICE.app().url("/api/v1/receivers/" + id + "/test"), "{}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            JsonNode answer = JSON.readTree(sent.body());
            assertThat(answer.path("receiverId").asString()).isEqualTo(id);
            assertThat(answer.path("channel").asString()).isEqualTo("email");
            assertThat(answer.path("outboxIds")).hasSize(1);
            long outboxId = answer.path("outboxIds").get(0).asLong();

            List<Mail.Received> mails = Mail.await(SERVICE.mail(), to, m -> true, 1, Duration.ofSeconds(30));
            assertThat(mails).singleElement().satisfies(m -> {
                assertThat(m.subject()).startsWith("[TEST]").contains("on-call");
                assertThat(m.body()).contains("This is a test message, not an alert");
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> SERVICE.app().jdbc()
                    .sql("select sent_at is not null from alert.notification_outbox where id = :id and transition = 'TEST'")
                    .param("id", outboxId).query(Boolean.class).optional().orElse(false));
            await().atMost(Duration.ofSeconds(60)).until(() -> audit.stream().anyMatch(e ->
                    e.path("action").asString().equals("receiver.test") && e.path("outcome").asString().equals("success")
                            && e.path("resourceId").asString().equals(id)));
        }
    }

    @Test
    void aViewerIsRefusedAndAnotherOrganizationGetsA404WithNothingSent() throws Exception {
        UUID org = UUID.randomUUID();
        String to = "team-" + org + "@example.com";
        String id = create(Http.as(TestCallers.member(org, Role.ORG_ADMIN, Http.SERVICE)),
                "{\"name\":\"team\",\"channel\":\"email\",\"address\":\"" + to + "\"}");
        long before = outboxRows();
        HttpResponse<String> viewer = Http.as(TestCallers.member(org, Role.VIEWER, Http.SERVICE))
                .postJson(SERVICE.app().url("/api/v1/receivers/" + id + "/test"), "{}");
        assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(403);
        Http outsider = Http.as(TestCallers.member(UUID.randomUUID(), Role.ORG_ADMIN, Http.SERVICE));
        HttpResponse<String> other = outsider.postJson(SERVICE.app().url("/api/v1/receivers/" + id + "/test"), "{}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(404);
        assertThat(other.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> missing = outsider.postJson(
                SERVICE.app().url("/api/v1/receivers/" + UUID.randomUUID() + "/test"), "{}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(other.body()).path("title").asString())
                .isEqualTo(JSON.readTree(missing.body()).path("title").asString());
        assertThat(outboxRows()).isEqualTo(before);
        Mail.sleep(1000);
        assertThat(Mail.to(SERVICE.mail(), to)).isEmpty();
    }

    @Test
    void aTestSmsCountsAgainstTheSmsPerHour() throws Exception {
        UUID org = UUID.randomUUID();
        assertThat(Http.as(Http.admin()).putJson(SERVICE.app().url("/api/v1/quotas?orgId=" + org),
                "{\"sms-per-hour\": 1}").statusCode()).isEqualTo(200);
        String id = create(Http.as(TestCallers.member(org, Role.ORG_ADMIN, Http.SERVICE)),
                "{\"name\":\"pager\",\"channel\":\"sms\",\"address\":\"+8613800000000\"}");
        Http operator = Http.as(TestCallers.member(org, Role.OPERATOR, Http.SERVICE));
        HttpResponse<String> first = operator.postJson(SERVICE.app().url("/api/v1/receivers/" + id + "/test"), "{}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        long before = outboxRows();
        HttpResponse<String> second = operator.postJson(SERVICE.app().url("/api/v1/receivers/" + id + "/test"), "{}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).path("quota").asString()).isEqualTo("sms-per-hour");
        assertThat(outboxRows()).isEqualTo(before);
    }
}
