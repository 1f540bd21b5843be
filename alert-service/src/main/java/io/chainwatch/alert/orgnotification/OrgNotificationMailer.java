package io.chainwatch.alert.orgnotification;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.OutboxDispatcher;
import io.chainwatch.alert.notify.OutboxRepository;
import io.chainwatch.alert.notify.email.EmailNotifier;
import io.chainwatch.events.OrgNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts one e-mail per recipient of an {@link OrgNotification} into the outbox, in one transaction. The outbox row's
 * idempotency key is derived from (notificationId, recipient): the same notification delivered again (a redelivered
 * Kafka record, a restart before the offset commit, the registry's outbox relaying it twice) adds nothing, and the
 * dispatcher sends each row once.
 */
@Service
public class OrgNotificationMailer {

    /** The outbox {@code transition} of these messages. */
    public static final String KIND = "ORG_NOTIFICATION";

    private static final Logger log = LoggerFactory.getLogger(OrgNotificationMailer.class);

    private final OutboxRepository outbox;
    private final OutboxDispatcher dispatcher;
    private final TransactionTemplate tx;

    public OrgNotificationMailer(OutboxRepository outbox, OutboxDispatcher dispatcher,
                                 PlatformTransactionManager transactionManager) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** Enqueues the e-mails; returns how many were new. Throws when the database cannot be written (retry). */
    public int deliver(OrgNotification n) {
        if (n.notificationId() == null || n.notificationId().isBlank()) {
            log.warn("Skipping an organization notification without notificationId: {}", n.subject());
            return 0;
        }
        Set<String> recipients = new LinkedHashSet<>();
        for (String to : n.emailTo()) {
            if (to != null && to.strip().matches("[^@\\s]+@[^@\\s]+")) {
                recipients.add(to.strip());
            } else {
                log.warn("Notification {}: skipping invalid address {}", n.notificationId(), to);
            }
        }
        if (recipients.isEmpty()) {
            log.info("Notification {} ({}) names no recipient", n.notificationId(), n.kind());
            return 0;
        }
        UUID orgId = uuidOrNull(n.orgId());
        Instant created = createdAt(n.createdAt());
        Message message = new Message(subject(n), text(n), null);
        Integer added = tx.execute(status -> {
            int count = 0;
            for (String to : recipients) {
                String key = OutboxRepository.key("org-notification|" + n.notificationId() + "|"
                        + to.toLowerCase(Locale.ROOT));
                if (outbox.enqueueNotice(key, "notification:" + n.notificationId(), KIND, created,
                        EmailNotifier.CHANNEL, to, orgId, message)) {
                    count++;
                }
            }
            return count;
        });
        int count = added == null ? 0 : added;
        if (count > 0) {
            log.info("Notification {} ({}) of organization {}: {} e-mail(s) queued", n.notificationId(), n.kind(),
                    n.orgId(), count);
            dispatcher.wake();
        } else {
            log.info("Notification {} was queued before: nothing added", n.notificationId());
        }
        return count;
    }

    private static String subject(OrgNotification n) {
        String subject = n.subject() == null || n.subject().isBlank() ? "ChainWatch: " + n.kind() : n.subject();
        return subject.replaceAll("[\\r\\n]+", " ");
    }

    private static String text(OrgNotification n) {
        StringBuilder b = new StringBuilder();
        b.append(n.text() == null ? "" : n.text());
        b.append("\n\n--\nChainWatch").append(n.orgName() == null ? "" : " · " + n.orgName())
                .append(n.kind() == null ? "" : " · " + n.kind())
                .append("\nNotification ").append(n.notificationId());
        return b.toString();
    }

    private static UUID uuidOrNull(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant createdAt(String iso) {
        try {
            return iso == null ? Instant.now() : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
