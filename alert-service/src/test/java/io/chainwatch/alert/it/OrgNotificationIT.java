package io.chainwatch.alert.it;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.chainwatch.alert.orgnotification.OrgNotificationListener;
import io.chainwatch.alert.support.AlertApp;
import io.chainwatch.alert.support.Feeds;
import io.chainwatch.alert.support.ITSupport;
import io.chainwatch.alert.support.Mail;
import io.chainwatch.alert.support.TestServers;
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

/**
 * A registry notification on {@code chainwatch.notifications} becomes exactly one e-mail per address: also when the
 * same record is published again, and when the service restarts and the consumer group reads the whole topic again
 * (a redelivery of every record).
 */
class OrgNotificationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void oneMailPerAddressAlsoAfterRedeliveryAndRestart() throws Exception {
        int smtp = FreePorts.next();
        GreenMail mail = ITSupport.greenMail(smtp);
        mail.start();
        String db = TestServers.newDatabase();
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
                Mail.sleep(3000);
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
                Mail.sleep(2000);
                assertThat(Mail.to(mail, alice)).hasSize(1);
                assertThat(Mail.to(mail, bob)).hasSize(1);
                assertThat(restarted.jdbc().sql("select count(*) from alert.notification_outbox where sent_at is not null")
                        .query(Long.class).single()).isEqualTo(2L);
                assertThat(restarted.jdbc().sql("select count(*) from alert.notification_outbox")
                        .query(Long.class).single()).isEqualTo(2L);
            }
        } finally {
            mail.stop();
        }
    }

    private static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrap());
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
