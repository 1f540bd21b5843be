package io.chainwatch.alert.orgnotification;

import io.chainwatch.events.OrgNotification;
import io.chainwatch.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@link Topics#NOTIFICATIONS} as group {@value #GROUP}, from the earliest record when the group is new
 * (a notification produced before this service first ran is still delivered). The offset is committed only after
 * the e-mails are in the outbox; when the database cannot be written, the record is delivered again with backoff,
 * without limit (see {@code notificationsContainerFactory}). A malformed record is logged and skipped.
 */
@Component
public class OrgNotificationListener {

    /** Consumer group of the alert service on the notifications topic. */
    public static final String GROUP = "chainwatch-alert-notifications";

    private static final Logger log = LoggerFactory.getLogger(OrgNotificationListener.class);

    private final JsonMapper json;
    private final OrgNotificationMailer mailer;

    public OrgNotificationListener(JsonMapper json, OrgNotificationMailer mailer) {
        this.json = json;
        this.mailer = mailer;
    }

    @KafkaListener(id = "alert-org-notifications", topics = Topics.NOTIFICATIONS, groupId = GROUP,
            containerFactory = "notificationsContainerFactory", properties = "auto.offset.reset=earliest")
    public void onNotification(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        OrgNotification notification;
        try {
            notification = json.readValue(record.value(), OrgNotification.class);
        } catch (JacksonException e) {
            log.warn("Skipping malformed notification at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getOriginalMessage());
            return;
        }
        mailer.deliver(notification);
    }
}
