package io.chainwatch.alert.it;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMTP down for two minutes (GreenMail not running; {@code -Dchainwatch.it.smtp-down-seconds} changes it) while
 * alerts fire and one resolves; backoff capped at 1 s so the outbox keeps trying the whole time (no deadline).
 * When SMTP comes back, every notification arrives exactly once.
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class SmtpDownForMinutesIT {

    @Test
    void everyNotificationArrivesOnceAfterMinutesOfSmtpDowntime() {
        long downSeconds = Long.getLong("chainwatch.it.smtp-down-seconds", 120);
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp); // not started: SMTP is down
        String orgId = UUID.randomUUID().toString();
        NodeTarget n1 = ITSupport.target("node-m1", orgId, "chain-m1", UUID.randomUUID().toString());
        NodeTarget n2 = ITSupport.target("node-m2", orgId, "chain-m2", UUID.randomUUID().toString());
        String ops = "ops-minutes@acme.example";
        AtomicReference<PollOutcome> n1Outcome = new AtomicReference<>(PollOutcome.REFUSED);
        long start = System.nanoTime();
        try (AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), smtp).start(); Feeds feeds = new Feeds()) {
            feeds.target(n1);
            feeds.target(n2);
            ITSupport.createRule(app, "node_unreachable", UUID.fromString(orgId), n1.chainId(), 1, List.of(ops));
            ITSupport.createRule(app, "node_unreachable", UUID.fromString(orgId), n2.chainId(), 1, List.of(ops));
            feeds.every(Duration.ofMillis(200), () -> n1Outcome.get() == PollOutcome.OK
                    ? Feeds.ok(n1, 5) : Feeds.failed(n1, PollOutcome.REFUSED, "connection refused"));
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(n2, PollOutcome.TIMEOUT, "timed out"));

            Mail.sleep(15_000);
            n1Outcome.set(PollOutcome.OK); // n1 recovers while SMTP is still down
            long left = downSeconds * 1000 - (System.nanoTime() - start) / 1_000_000;
            Mail.sleep(Math.max(0, left));
            assertThat(count(app, "sent_at is null and next_attempt_at is not null")).as("all waiting").isEqualTo(3L);
            assertThat(count(app, "sent_at is not null")).isZero();
            long attempts = app.jdbc().sql("select max(attempts) from alert.notification_outbox")
                    .query(Long.class).single();
            assertThat(attempts).as("retried the whole time, capped at 1 s").isGreaterThan(downSeconds / 3);
            // what the operator sees meanwhile: the oldest message has waited since the first alert fired
            assertThat(ITSupport.metric(app, "chainwatch_outbox_oldest_age_seconds"))
                    .as("age of the oldest unsent notification").isGreaterThan(downSeconds / 2.0);

            mail.start();
            try {
                String f1 = "[FIRING] Node unreachable: node-m1 (chain-m1)";
                String r1 = "[RESOLVED] Node unreachable: node-m1 (chain-m1)";
                String f2 = "[FIRING] Node unreachable: node-m2 (chain-m2)";
                Mail.await(mail, ops, m -> true, 3, Duration.ofSeconds(20));
                Mail.noMoreFor(mail, ops, Duration.ofMillis(3000));
                assertThat(Mail.to(mail, ops)).extracting(Mail.Received::subject).containsExactlyInAnyOrder(f1, r1, f2);
                assertThat(count(app, "sent_at is not null")).isEqualTo(3L);
                assertThat(count(app, "true")).isEqualTo(3L);
                assertThat(ITSupport.metric(app, "chainwatch_outbox_oldest_age_seconds")).as("none waits").isZero();
            } finally {
                mail.stop();
            }
        }
    }

    private static long count(AlertApp app, String where) {
        return app.jdbc().sql("select count(*) from alert.notification_outbox where " + where).query(Long.class).single();
    }
}
