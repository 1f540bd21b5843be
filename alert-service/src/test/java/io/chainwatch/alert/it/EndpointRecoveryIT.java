package io.chainwatch.alert.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.alert.support.StubHttpServer;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollOutcome;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook receiver is down while 40 alerts fire; its notifications back off (1 s doubling, up to 60 s). When it
 * answers again, everything that waited for it goes out together — not over the messages' separate backoff timers,
 * which by then are up to 16 s apart — and each exactly once. The receiver is a local HTTP server answering 503
 * while "down".
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class EndpointRecoveryIT {

    private static final int RULES = 40;

    @Test
    void whenAReceiverAnswersAgainEverythingWaitingForItGoesOutAtOnceAndOnce() {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        AtomicBoolean down = new AtomicBoolean(true);
        Map<String, Long> acceptedAtMs = new ConcurrentHashMap<>();
        Map<String, Integer> acceptedTimes = new ConcurrentHashMap<>();
        String orgId = UUID.randomUUID().toString();
        String chainId = UUID.randomUUID().toString();
        NodeTarget node = ITSupport.target("node-e1", orgId, "chain-e", chainId);
        try (StubHttpServer hook = new StubHttpServer(r -> {
                 if (down.get()) {
                     return new StubHttpServer.Answer(503, "{\"error\":\"down\"}");
                 }
                 String key = r.header("Idempotency-Key");
                 acceptedAtMs.putIfAbsent(key, System.currentTimeMillis());
                 acceptedTimes.merge(key, 1, Integer::sum);
                 return new StubHttpServer.Answer(200, "{}");
             });
             AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), smtp)
                     .with("chainwatch.alert.backoff-base", "1s")
                     .with("chainwatch.alert.backoff-cap", "60s")
                     .with("chainwatch.alert.channel-failure-threshold", "100000")
                     .start();
             Feeds feeds = new Feeds()) {
            HttpResponse<String> receiver = Http.post(app.url("/api/v1/receivers"), """
                    {"orgId":"%s","name":"ops-hook","channel":"webhook","address":"%s"}"""
                    .formatted(orgId, hook.url("/alerts")));
            assertThat(receiver.statusCode()).as(receiver.body()).isEqualTo(201);
            feeds.target(node);
            for (int i = 0; i < RULES; i++) {
                ITSupport.createRule(app, "node_unreachable", orgId, chainId, 1, List.of("ops-e@acme.example"));
            }
            feeds.every(Duration.ofMillis(200), () -> Feeds.failed(node, PollOutcome.REFUSED, "connection refused"));

            // all 40 e-mails arrive (the SMTP server is up); every webhook message has failed at least once
            Mail.await(mail, "ops-e@acme.example", m -> m.subject().startsWith("[FIRING]"), RULES, Duration.ofSeconds(60));
            await(() -> hook.requests().stream().map(r -> r.header("Idempotency-Key")).distinct().count() == RULES,
                    Duration.ofSeconds(60));
            // long enough for the messages' own backoffs to have grown apart (1, 2, 4, 8, 16 s)
            Mail.sleep(20_000);
            long maxBackoffMs = app.jdbc().sql("""
                    select coalesce(max(extract(epoch from next_attempt_at - now()) * 1000), 0)::bigint
                      from alert.notification_outbox where channel = 'webhook' and sent_at is null""")
                    .query(Long.class).single();
            assertThat(maxBackoffMs).as("some message waits on its own backoff for seconds").isGreaterThan(4000);

            long upAtMs = System.currentTimeMillis();
            down.set(false);
            await(() -> acceptedAtMs.size() == RULES, Duration.ofSeconds(60));
            long lastMs = acceptedAtMs.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("all %d waiting messages delivered %d ms after the receiver came back (longest own "
                    + "backoff left: %d ms)%n", RULES, lastMs - upAtMs, maxBackoffMs);
            assertThat(lastMs - upAtMs).as("ms from the receiver's recovery to the last waiting message")
                    .isLessThan(maxBackoffMs);

            Mail.sleep(3000);
            assertThat(acceptedTimes).hasSize(RULES).allSatisfy((key, times) -> assertThat(times).as(key).isEqualTo(1));
            assertThat(app.jdbc().sql("""
                    select count(*) from alert.notification_outbox where channel = 'webhook' and sent_at is not null""")
                    .query(Long.class).single()).isEqualTo((long) RULES);
            assertThat(Mail.to(mail, "ops-e@acme.example")).hasSize(RULES);
            // every delivered message is timed from its transition's recording to the channel's acceptance
            String metrics = Http.get(app.managementUrl("/actuator/prometheus")).body();
            assertThat(metrics).containsPattern(
                    "chainwatch_notification_delay_seconds_count\\{channel=\"webhook\"} " + RULES + "(\\.0)?\\n");
            assertThat(metrics).containsPattern(
                    "chainwatch_notification_delay_seconds_count\\{channel=\"email\"} " + RULES + "(\\.0)?\\n");
        } finally {
            mail.stop();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }
}
