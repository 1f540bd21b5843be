package io.chainwatch.alert.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.alert.support.TestServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SMTP being down delays the mail; it does not lose it, and it is delivered exactly once. */
class SmtpDownIT {

    @Test
    void mailWaitsInTheOutboxUntilSmtpIsUpThenArrivesOnce() {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp); // not started yet: SMTP is down
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-d1", orgId, "chain-d", chainId);
        String ops = "ops-smtp@acme.example";
        try (AlertApp app = new AlertApp(TestServers.newDatabase(), smtp).start(); Feeds feeds = new Feeds()) {
            feeds.target(node);
            ITSupport.createRule(app, "node_unreachable", orgId, chainId, 1, List.of(ops));
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(node, PollOutcome.REFUSED, "connection refused"));

            Map<String, Object> row = awaitRow(app, "attempts >= 2", Duration.ofSeconds(20));
            assertThat(row.get("sent_at")).isNull();
            assertThat((String) row.get("last_error")).isNotBlank();
            assertThat(row.get("subject")).isEqualTo("[FIRING] Node unreachable: node-d1 (chain-d)");
            assertThat(pending(app)).isEqualTo(1L);

            mail.start();
            try {
                Mail.await(mail, ops, m -> m.subject().equals("[FIRING] Node unreachable: node-d1 (chain-d)"), 1,
                        Duration.ofSeconds(20));
                Mail.sleep(2000);
                assertThat(Mail.to(mail, ops)).hasSize(1);
                Map<String, Object> sent = awaitRow(app, "sent_at is not null", Duration.ofSeconds(5));
                assertThat((Integer) sent.get("attempts")).isGreaterThanOrEqualTo(3);
                assertThat(pending(app)).isZero();
                assertThat(app.jdbc().sql("select count(*) from alert.notification_outbox").query(Long.class).single())
                        .isEqualTo(1L);
            } finally {
                mail.stop();
            }
        }
    }

    private static long pending(AlertApp app) {
        return app.jdbc().sql("""
                select count(*) from alert.notification_outbox where sent_at is null and next_attempt_at is not null""")
                .query(Long.class).single();
    }

    private static Map<String, Object> awaitRow(AlertApp app, String condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> rows = app.jdbc()
                    .sql("select * from alert.notification_outbox where " + condition).query().listOfRows();
            if (!rows.isEmpty()) {
                return rows.get(0);
            }
            Mail.sleep(100);
        }
        throw new AssertionError("no outbox row with " + condition + ": "
                + app.jdbc().sql("select * from alert.notification_outbox").query().listOfRows());
    }
}
