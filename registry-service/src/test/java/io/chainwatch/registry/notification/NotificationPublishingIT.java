package io.chainwatch.registry.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chainwatch.events.OrgNotification;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.registry.support.TopicReader;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alliance notifications reach Kafka: each notification row is published once, through the outbox, as an
 * {@link OrgNotification} on {@code chainwatch.notifications} (key = organization id) addressed to the
 * organization's contact e-mail — what the alert service mails. On the real embedded Kafka broker.
 */
class NotificationPublishingIT extends RegistryTestBase {

    @Test
    void aJoinRequestAsksEveryMemberByMailAndTheApplicantHearsTheResult() {
        String a = organization("creator", "alice@a.example");
        String b = organization("member", "bob@b.example");
        String d = organization("applicant", "dora@d.example");
        String allianceId = createAlliance(a, b);

        String join = send("POST", "/api/v1/alliances/" + allianceId + "/join-requests", "{\"orgId\": \"" + d + "\"}")
                .field("taskId");
        assertThat(awaitTask(join, "WAITING").path("status").asString()).isEqualTo("WAITING");
        List<JsonNode> rows = get("/api/v1/notifications?taskId=" + join + "&kind=JOIN_APPROVAL_REQUESTED").json()
                .valueStream().toList();
        assertThat(rows).hasSize(2);

        try (KafkaConsumer<String, String> consumer = consumer()) {
            Map<String, ConsumerRecord<String, String>> asked = awaitOnce(consumer,
                    rows.stream().map(r -> r.path("id").asString()).collect(Collectors.toSet()));
            for (JsonNode row : rows) {
                ConsumerRecord<String, String> record = asked.get(row.path("id").asString());
                OrgNotification notification = json.readValue(record.value(), OrgNotification.class);
                String orgId = row.path("orgId").asString();
                assertThat(record.key()).isEqualTo(orgId);
                assertThat(notification.orgId()).isEqualTo(orgId);
                assertThat(notification.kind()).isEqualTo("JOIN_APPROVAL_REQUESTED");
                assertThat(notification.emailTo()).containsExactly(orgId.equals(a) ? "alice@a.example" : "bob@b.example");
                assertThat(notification.subject()).isEqualTo(row.path("subject").asString()).contains("asks to join");
                assertThat(notification.text()).contains("/api/v1/tasks/" + join + "/approvals");
                assertThat(notification.orgName()).startsWith(orgId.equals(a) ? "creator-" : "member-");
                assertThat(Instant.parse(notification.createdAt())).isBeforeOrEqualTo(Instant.now());
            }
            assertThat(asked.values()).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(a, b);

            for (String approver : List.of(a, b)) {
                assertThat(send("POST", "/api/v1/tasks/" + join + "/approvals",
                        "{\"orgId\": \"" + approver + "\", \"decision\": \"APPROVE\"}").status()).isEqualTo(200);
            }
            assertThat(awaitTask(join).path("status").asString()).isEqualTo("SUCCEEDED");
            String approvedId = get("/api/v1/notifications?taskId=" + join + "&kind=JOIN_APPROVED").json().get(0)
                    .path("id").asString();
            OrgNotification approved = json.readValue(awaitOnce(consumer, Set.of(approvedId)).get(approvedId).value(),
                    OrgNotification.class);
            assertThat(approved.orgId()).isEqualTo(d);
            assertThat(approved.emailTo()).containsExactly("dora@d.example");
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private String organization(String prefix, String email) {
        Response response = post("/api/v1/organizations",
                "{\"name\": \"" + unique(prefix) + "\", \"contactEmail\": \"" + email + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.field("id");
    }

    /** An ACTIVE alliance of {@code creator} and {@code member} (invited, accepted). */
    private String createAlliance(String creator, String member) {
        Response submitted = post("/api/v1/alliances", "{\"name\": \"" + unique("mail") + "\", \"platform\": "
                + "\"FABRIC\", \"creatorOrgId\": \"" + creator + "\", \"invitedOrgIds\": [\"" + member + "\"]}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        assertThat(awaitTask(submitted.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");
        String allianceId = submitted.field("allianceId");
        assertThat(post("/api/v1/alliances/" + allianceId + "/invitations/" + member, "{\"accept\": true}").status())
                .isEqualTo(200);
        return allianceId;
    }

    private static KafkaConsumer<String, String> consumer() {
        return TopicReader.fromStart(Topics.NOTIFICATIONS);
    }

    /**
     * The records of the given notification ids, each seen exactly once: reads until all are there, then one more
     * second for duplicates.
     */
    private Map<String, ConsumerRecord<String, String>> awaitOnce(KafkaConsumer<String, String> consumer,
            Set<String> ids) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(20);
        Instant settle = null;
        while (Instant.now().isBefore(deadline) && (settle == null || Instant.now().isBefore(settle))) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (ids.contains(json.readValue(record.value(), OrgNotification.class).notificationId())) {
                    seen.add(record);
                }
            }
            if (settle == null && seen.stream().map(this::id).collect(Collectors.toSet()).containsAll(ids)) {
                settle = Instant.now().plusSeconds(1);
            }
        }
        assertThat(seen.stream().map(this::id).toList()).as("one record per notification id")
                .containsExactlyInAnyOrderElementsOf(ids);
        return seen.stream().collect(Collectors.toMap(this::id, Function.identity()));
    }

    private String id(ConsumerRecord<String, String> record) {
        return json.readValue(record.value(), OrgNotification.class).notificationId();
    }
}
