package io.chainwatch.alert.it;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
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
 * An organization the registry deactivated ({@link OrganizationLifecycle} on {@code chainwatch.organizations},
 * written here with a real producer as the registry's outbox relay does): its node goes down and its alert fires,
 * but no e-mail reaches its recipient (GreenMail) while another organization's alert on the same service is mailed.
 * After reactivation the still-firing alert is announced. A record delivered twice changes nothing.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class OrganizationDeactivationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aDeactivatedOrganizationsAlertsAnnounceNothingUntilReactivated() throws Exception {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        NodeTarget downA = ITSupport.target("node-a", orgA.toString(), "chain-a", UUID.randomUUID().toString());
        NodeTarget downB = ITSupport.target("node-b", orgB.toString(), "chain-b", UUID.randomUUID().toString());
        try (AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), smtp).start();
             Feeds feeds = new Feeds()) {
            ITSupport.createRule(app, "node_unreachable", orgA, downA.chainId(), 1,
                    java.util.List.of("ops-a@a.example"));
            ITSupport.createRule(app, "node_unreachable", orgB, downB.chainId(), 1,
                    java.util.List.of("ops-b@b.example"));

            long at = Instant.now().toEpochMilli();
            String deactivated = JSON.writeValueAsString(new OrganizationLifecycle(orgA.toString(),
                    OrganizationLifecycle.DEACTIVATED, at));
            feeds.raw(Topics.ORGANIZATIONS, orgA.toString(), deactivated);
            await(() -> Boolean.TRUE.equals(app.jdbc()
                    .sql("select deactivated from alert.organization_state where org_id = :id").param("id", orgA)
                    .query(Boolean.class).optional().orElse(false)), Duration.ofSeconds(30));

            feeds.target(downA);
            feeds.target(downB);
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(downA, PollOutcome.REFUSED, "connection refused"));
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(downB, PollOutcome.REFUSED, "connection refused"));

            // B's alert is mailed; A's fires too, is planned, and nothing is sent for it
            Mail.await(mail, "ops-b@b.example", m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(60));
            await(() -> firing(app, orgA) && plannedAll(app, orgA), Duration.ofSeconds(60));
            assertThat(app.jdbc().sql("select count(*) from alert.notification_outbox where fingerprint in (select fingerprint from alert.alert where org_id = :id)").param("id", orgA)
                    .query(Long.class).single()).as("nothing queued for the deactivated organization").isZero();
            assertThat(Mail.to(mail, "ops-a@a.example")).isEmpty();

            // an older record read again (a redelivery) does not undo the newer state
            feeds.raw(Topics.ORGANIZATIONS, orgA.toString(), JSON.writeValueAsString(new OrganizationLifecycle(
                    orgA.toString(), OrganizationLifecycle.ACTIVE, at - 60_000)));
            feeds.raw(Topics.ORGANIZATIONS, orgA.toString(), deactivated);
            await(() -> app.jdbc().sql("select count(*) from alert.organization_state where org_id = :id"
                    + " and deactivated and changed_at = :at").param("id", orgA)
                    .param("at", java.time.OffsetDateTime.ofInstant(Instant.ofEpochMilli(at), java.time.ZoneOffset.UTC))
                    .query(Long.class).single() == 1, Duration.ofSeconds(30));
            assertThat(Mail.to(mail, "ops-a@a.example")).isEmpty();

            // reactivated while it still fires: announced then
            feeds.raw(Topics.ORGANIZATIONS, orgA.toString(), JSON.writeValueAsString(new OrganizationLifecycle(
                    orgA.toString(), OrganizationLifecycle.ACTIVE, Instant.now().toEpochMilli())));
            Mail.await(mail, "ops-a@a.example", m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(60));
        } finally {
            mail.stop();
        }
    }

    @Test
    void messagesStillWaitingWhenTheOrganizationIsDeactivatedAreGivenUp() throws Exception {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp); // not started: SMTP is down, messages wait in the outbox
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        NodeTarget downA = ITSupport.target("node-wa", orgA.toString(), "chain-wa", UUID.randomUUID().toString());
        NodeTarget downB = ITSupport.target("node-wb", orgB.toString(), "chain-wb", UUID.randomUUID().toString());
        try (AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), smtp).start();
             Feeds feeds = new Feeds()) {
            ITSupport.createRule(app, "node_unreachable", orgA, downA.chainId(), 1,
                    java.util.List.of("ops-wa@a.example"));
            ITSupport.createRule(app, "node_unreachable", orgB, downB.chainId(), 1,
                    java.util.List.of("ops-wb@b.example"));
            feeds.target(downA);
            feeds.target(downB);
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(downA, PollOutcome.REFUSED, "connection refused"));
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(downB, PollOutcome.REFUSED, "connection refused"));
            await(() -> waiting(app, orgA) > 0 && waiting(app, orgB) > 0, Duration.ofSeconds(60));

            feeds.raw(Topics.ORGANIZATIONS, orgA.toString(), JSON.writeValueAsString(new OrganizationLifecycle(
                    orgA.toString(), OrganizationLifecycle.DEACTIVATED, Instant.now().toEpochMilli())));
            await(() -> waiting(app, orgA) == 0, Duration.ofSeconds(30));
            assertThat(app.jdbc().sql("select last_error from alert.notification_outbox where fingerprint in"
                    + " (select fingerprint from alert.alert where org_id = :id)").param("id", orgA)
                    .query(String.class).list()).isNotEmpty().allSatisfy(e -> assertThat(e).contains("deactivated"));
            assertThat(waiting(app, orgB)).as("another organization's message still waits").isPositive();

            mail.start(); // SMTP back: B's message goes out, A's never
            Mail.await(mail, "ops-wb@b.example", m -> m.subject().startsWith("[FIRING]"), 1, Duration.ofSeconds(60));
            Mail.sleep(3000);
            assertThat(Mail.to(mail, "ops-wa@a.example")).isEmpty();
        } finally {
            mail.stop();
        }
    }

    /** Messages of the organization's alerts not yet sent and not given up. */
    private static long waiting(AlertApp app, UUID org) {
        return app.jdbc().sql("select count(*) from alert.notification_outbox where sent_at is null"
                        + " and next_attempt_at is not null"
                        + " and fingerprint in (select fingerprint from alert.alert where org_id = :id)")
                .param("id", org).query(Long.class).single();
    }

    private static boolean firing(AlertApp app, UUID org) {
        return app.jdbc().sql("select count(*) from alert.alert where org_id = :id and status = 'FIRING'")
                .param("id", org).query(Long.class).single() > 0;
    }

    /** Every event of the organization was planned (announced or, here, suppressed). */
    private static boolean plannedAll(AlertApp app, UUID org) {
        return app.jdbc().sql("select count(*) filter (where planned_at is null) = 0 and count(*) > 0"
                        + " from alert.alert_event where group_key like :prefix")
                .param("prefix", org + "|%").query(Boolean.class).single();
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
