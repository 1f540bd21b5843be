package io.chainwatch.alert.it;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.alert.orgnotification.OrgNotificationListener;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Http;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.alert.support.StubHttpServer;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.events.OrgNotification;
import io.chainwatch.events.Topics;
import io.chainwatch.testkit.FreePorts;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registry notification on {@code chainwatch.notifications} becomes exactly one e-mail per address: also when the
 * same record is published again, and when the service restarts and the consumer group reads the whole topic again
 * (a redelivery of every record).
 */
@EmbeddedServers(kafka = Broker.DECLARED_TOPICS, postgres = true)
class OrgNotificationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void oneMailPerAddressAlsoAfterRedeliveryAndRestart() throws Exception {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        String db = SharedServers.newDatabase("alert");
        String orgId = UUID.randomUUID().toString();
        String alice = "alice-" + orgId.substring(0, 8) + "@acme.example";
        String bob = "bob-" + orgId.substring(0, 8) + "@acme.example";
        OrgNotification n = new OrgNotification(UUID.randomUUID().toString(), orgId, "Acme", "APPROVAL_REQUESTED",
                "Alliance join waiting for your approval", "Org Foo asks to join alliance Bar. Task 42.",
                List.of(alice, bob, "not-an-address"), Instant.now().toString());
        String record = JSON.writeValueAsString(n);
        try (Feeds feeds = new Feeds()) {
            try (AlertApp app = new AlertApp(db, smtp).start()) {
                feeds.raw(Topics.NOTIFICATIONS, orgId, record);
                Mail.await(mail, alice, m -> true, 1, Duration.ofSeconds(30));
                Mail.await(mail, bob, m -> true, 1, Duration.ofSeconds(30));
                assertThat(Mail.to(mail, alice)).singleElement().satisfies(m -> {
                    assertThat(m.subject()).isEqualTo("Alliance join waiting for your approval");
                    assertThat(m.body()).contains("Task 42", n.notificationId());
                });

                feeds.raw(Topics.NOTIFICATIONS, orgId, record);             // the same notification again
                Mail.noMoreFor(mail, alice, Duration.ofMillis(3000));
                assertThat(Mail.to(mail, alice)).hasSize(1);
                assertThat(Mail.to(mail, bob)).hasSize(1);
            }
            // while the service is down, the group is rewound: on restart every record is delivered again
            rewind();
            try (AlertApp restarted = new AlertApp(db, smtp).start()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (committed() < 2 && System.nanoTime() < deadline) {
                    Mail.sleep(200);
                }
                assertThat(committed()).as("both records consumed again").isGreaterThanOrEqualTo(2);
                Mail.noMoreFor(mail, alice, Duration.ofMillis(2000));
                assertThat(Mail.to(mail, alice)).hasSize(1);
                assertThat(Mail.to(mail, bob)).hasSize(1);
                // (the broker is shared: the rewound group also reads other tests' notifications, of other organizations)
                assertThat(restarted.jdbc().sql("select count(*) from alert.notification_outbox where sent_at is not null"
                        + " and org_id = :org").param("org", UUID.fromString(orgId)).query(Long.class).single()).isEqualTo(2L);
                assertThat(restarted.jdbc().sql("select count(*) from alert.notification_outbox where org_id = :org")
                        .param("org", UUID.fromString(orgId)).query(Long.class).single()).isEqualTo(2L);
            }
        } finally {
            mail.stop();
        }
    }

    @Test
    void aNodeOperationAlsoReachesTheReceiversThatTakeTheOrganizationsNodeAlerts() throws Exception {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        String orgId = UUID.randomUUID().toString();
        String contact = "contact-" + orgId.substring(0, 8) + "@acme.example";
        try (StubHttpServer hooks = new StubHttpServer(r -> new StubHttpServer.Answer(200, "ok"));
             Feeds feeds = new Feeds();
             AlertApp app = new AlertApp(SharedServers.newDatabase("alert"), smtp).start()) {
            receiver(app, orgId, "ops-hook", "webhook", hooks.url("/ops"), ", \"secret\": \"s3cret-webhook-key\"");
            receiver(app, orgId, "node-team", "email", "node-team@acme.example", ", \"ruleTypes\": [\"node_unreachable\"]");
            receiver(app, orgId, "stall-only", "email", "stall-only@acme.example", ", \"ruleTypes\": [\"chain_stalled\"]");
            receiver(app, orgId, "info-only", "email", "info-only@acme.example", ", \"severities\": [\"info\"]");

            feeds.raw(Topics.NOTIFICATIONS, orgId, JSON.writeValueAsString(new OrgNotification(
                    UUID.randomUUID().toString(), orgId, "Acme", "NODE_RESTART_DONE", "Node geth-1 restarted",
                    "Node geth-1 (automatic restart after 5 min unreachable): DONE", List.of(contact),
                    Instant.now().toString())));
            Mail.await(mail, contact, m -> m.subject().equals("Node geth-1 restarted"), 1, Duration.ofSeconds(30));
            Mail.await(mail, "node-team@acme.example", m -> m.subject().equals("Node geth-1 restarted"), 1,
                    Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> hooks.requests().size() == 1);
            assertThat(hooks.requests().get(0).body()).contains("Node geth-1 restarted");

            // not a node operation: the organization's contact only
            feeds.raw(Topics.NOTIFICATIONS, orgId, JSON.writeValueAsString(new OrgNotification(
                    UUID.randomUUID().toString(), orgId, "Acme", "APPROVAL_REQUESTED", "Join waiting for approval",
                    "Task 7", List.of(contact), Instant.now().toString())));
            Mail.await(mail, contact, m -> m.subject().equals("Join waiting for approval"), 1, Duration.ofSeconds(30));
            Mail.sleep(2000);
            assertThat(hooks.requests()).hasSize(1);
            assertThat(Mail.to(mail, "node-team@acme.example")).hasSize(1);
            assertThat(Mail.to(mail, "stall-only@acme.example")).as("routes chain_stalled only").isEmpty();
            assertThat(Mail.to(mail, "info-only@acme.example")).as("routes severity info only").isEmpty();
        } finally {
            mail.stop();
        }
    }

    private static void receiver(AlertApp app, String orgId, String name, String channel, String address, String extra) {
        var r = Http.post(app.url("/api/v1/receivers"), """
                {"orgId": "%s", "name": "%s", "channel": "%s", "address": "%s"%s}"""
                .formatted(orgId, name, channel, address, extra));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedServers.kafkaBootstrap());
        return Admin.create(p);
    }

    /** Sets the group's offset of every partition of the topic to 0. */
    private static void rewind() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            int partitions = admin.describeTopics(List.of(Topics.NOTIFICATIONS)).allTopicNames().get()
                    .get(Topics.NOTIFICATIONS).partitions().size();
            for (int i = 0; i < partitions; i++) {
                zero.put(new TopicPartition(Topics.NOTIFICATIONS, i), new OffsetAndMetadata(0));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(OrgNotificationListener.GROUP, zero).all().get();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e; // the group's members may take a moment to leave
                    }
                    Mail.sleep(500);
                }
            }
        }
    }

    /** Sum of the group's committed offsets on the topic. */
    private static long committed() throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(OrgNotificationListener.GROUP).partitionsToOffsetAndMetadata().get()
                    .entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.NOTIFICATIONS))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
        }
    }
}
