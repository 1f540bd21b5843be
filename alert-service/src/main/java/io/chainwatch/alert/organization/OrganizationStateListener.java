package io.chainwatch.alert.organization;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.events.OrganizationLifecycle;
import io.chainwatch.events.Topics;
import io.chainwatch.security.topics.OrganizationLifecycleReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@link Topics#ORGANIZATIONS} as group {@value #GROUP}, from the earliest record when the group is new
 * (the topic is compacted: a new or long-stopped instance learns every organization's latest state). Recording is
 * idempotent and ordered by the record's time, so a record delivered twice changes nothing. When the database cannot
 * be written the record is delivered again with backoff ({@code notificationsContainerFactory}). A malformed record is
 * logged and skipped. A deactivation recorded here is published as {@link OrganizationDeactivated} (an application
 * event, handled in the same thread and transaction: the outbox gives up the organization's waiting messages), and a
 * deletion (a deactivated record with {@code deletedAtMs}) then as {@link OrganizationDeleted} (its data is removed).
 */
@Component
public class OrganizationStateListener {

    /** Consumer group of the alert service on the organizations topic. */
    public static final String GROUP = "chainwatch-alert-organizations";

    private static final Logger log = LoggerFactory.getLogger(OrganizationStateListener.class);

    private final OrganizationLifecycleReader reader;
    private final OrganizationStates states;
    private final org.springframework.context.ApplicationEventPublisher events;

    public OrganizationStateListener(JsonMapper json, OrganizationStates states,
                                     org.springframework.context.ApplicationEventPublisher events) {
        this.reader = new OrganizationLifecycleReader(json);
        this.states = states;
        this.events = events;
    }

    @KafkaListener(id = "alert-organizations", topics = Topics.ORGANIZATIONS, groupId = GROUP,
            containerFactory = "notificationsContainerFactory", properties = "auto.offset.reset=earliest")
    @org.springframework.transaction.annotation.Transactional // the state and what its event changes, or neither
    public void onLifecycle(ConsumerRecord<String, String> record) {
        OrganizationLifecycleReader.Read read = reader.read(record);
        if (read == null) {
            return;
        }
        OrganizationLifecycle lifecycle = read.lifecycle();
        UUID orgId = read.orgId();
        if (states.record(orgId, lifecycle.deactivated(), Instant.ofEpochMilli(lifecycle.atMs()))) {
            log.info("Organization {} is {}: its alerts {}", orgId, lifecycle.state(),
                    lifecycle.deactivated() ? "announce nothing" : "are announced again");
            if (lifecycle.deactivated()) {
                events.publishEvent(new OrganizationDeactivated(orgId, Instant.ofEpochMilli(lifecycle.atMs())));
            }
            if (lifecycle.deleted()) {
                log.info("Organization {} is deleted: forgetting its rules, receivers, silences and alerts", orgId);
                events.publishEvent(new OrganizationDeleted(orgId, Instant.ofEpochMilli(lifecycle.deletedAtMs())));
            }
        }
    }
}
