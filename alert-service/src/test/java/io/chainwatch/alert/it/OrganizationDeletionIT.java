package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.OrganizationLifecycle;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.events.Topics;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organization the registry deleted (its deactivation, then the deletion record with {@code deletedAtMs} on
 * {@code chainwatch.organizations}, written with a real producer as the registry's outbox relay does): its rules,
 * receivers, silences and alerts are gone (API and tables), its firing alert is closed without a RESOLVED message,
 * and while its node keeps failing nothing more reaches its recipients (GreenMail) — bounded by another
 * organization's alert, which fires and is mailed meanwhile. A redelivered deletion record changes nothing.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class OrganizationDeletionIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aDeletedOrganizationsRulesReceiversAndAlertsAreGoneAndNothingIsSentToIt() throws Exception {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        NodeTarget downA = ITSupport.target("node-da", orgA.toString(), "chain-da", UUID.randomUUID().toString());
        NodeTarget downB = ITSupport.target("node-db", orgB.toString(), "chain-db", UUID.randomUUID().toString());
        try (AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), smtp).start();
             Feeds feeds = new Feeds()) {
            ITSupport.createRule(app, "node_unreachable", orgA, downA.chainId(), 1,
                    List.of("ops-da@a.example"));
            ITSupport.createRule(app, "node_unreachable", orgB, downB.chainId(), 1,
                    List.of("ops-db@b.example"));
            HttpResponse<String> receiver = Http.post(app.url("/api/v1/receivers"), """
                    {"orgId": "%s", "name": "team-a", "channel": "email", "address": "team-da@a.example"}"""
                    .formatted(orgA));
            assertThat(receiver.statusCode()).as(receiver.body()).isEqualTo(201);
            HttpResponse<String> silence = Http.post(app.url("/api/v1/silences"), """
                    {"orgId": "%s", "kind": "maintenance", "matchers": [{"label": "node", "op": "=", "value": "other"}],
                     "startsAt": "%s", "endsAt": "%s", "comment": "upgrade"}"""
                    .formatted(orgA, Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600)));
            assertThat(silence.statusCode()).as(silence.body()).isEqualTo(201);

            // while it exists, A's node goes down and its alert is mailed to the rule's and the receiver's addresses
            feeds.target(downA);
            feeds.target(downB);
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(downA, PollOutcome.REFUSED, "connection refused"));
            Mail.await(mail, "ops-da@a.example", m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(60));
            Mail.await(mail, "team-da@a.example", m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(60));
            int mailsToA = Mail.to(mail, "ops-da@a.example").size() + Mail.to(mail, "team-da@a.example").size();

            // the registry deactivates, then deletes it
            long at = Instant.now().toEpochMilli();
            feeds.raw(Topics.ORGANIZATIONS, orgA.toString(), JSON.writeValueAsString(new OrganizationLifecycle(
                    orgA.toString(), OrganizationLifecycle.DEACTIVATED, at)));
            String deletion = JSON.writeValueAsString(OrganizationLifecycle.deleted(orgA.toString(), at + 1));
            feeds.raw(Topics.ORGANIZATIONS, orgA.toString(), deletion);
            await(() -> count(app, "rule", orgA) == 0 && count(app, "receiver", orgA) == 0
                    && count(app, "alert", orgA) == 0, Duration.ofSeconds(30));
            assertThat(count(app, "silence", orgA)).isZero();
            assertThat(count(app, "alert_history", orgA)).isZero();
            assertThat(count(app, "pending_condition", orgA)).isZero();
            assertThat(app.jdbc().sql("select count(*) from alert.notification_outbox where org_id = :id")
                    .param("id", orgA).query(Long.class).single()).isZero();
            assertThat(Http.get(app.url("/api/v1/rules?orgId=" + orgA)).body()).isEqualTo("[]");
            assertThat(Http.get(app.url("/api/v1/receivers?orgId=" + orgA)).body()).isEqualTo("[]");
            assertThat(count(app, "rule", orgB)).as("another organization's rule stays").isEqualTo(1);

            // a redelivery of the deletion changes nothing
            feeds.raw(Topics.ORGANIZATIONS, orgA.toString(), deletion);

            // A's node keeps failing; B's goes down and is mailed: in that time nothing reaches A, no alert of A opens
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(downB, PollOutcome.REFUSED, "connection refused"));
            Mail.await(mail, "ops-db@b.example", m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(60));
            assertThat(Mail.to(mail, "ops-da@a.example").size() + Mail.to(mail, "team-da@a.example").size())
                    .as("no RESOLVED, no new FIRING for the deleted organization").isEqualTo(mailsToA);
            assertThat(count(app, "alert", orgA)).isZero();
            assertThat(count(app, "rule", orgA)).isZero();
        } finally {
            mail.stop();
        }
    }

    private static long count(AlertApp app, String table, UUID org) {
        return app.jdbc().sql("select count(*) from alert." + table + " where org_id = :id").param("id", org)
                .query(Long.class).single();
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
