package io.chainwatch.alert.orgnotification;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.notify.OutboxDispatcher;
import io.chainwatch.alert.notify.OutboxRepository;
import io.chainwatch.alert.notify.email.EmailNotifier;
import io.chainwatch.alert.notify.sms.SmsNotifier;
import io.chainwatch.alert.quota.Quotas;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.alert.rule.nodeunreachable.NodeUnreachableRule;
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
 *
 * <p>A node operation (kind {@code NODE_...}: a start, stop or restart, by a person or the auto-restart policy) also
 * goes to the organization's receivers that take its nodes' alerts: every enabled first-level receiver that routes a
 * {@code node_unreachable} alert of the notice's severity ({@code critical} for {@code ..._FAILED} and
 * {@code ..._LIMITED}, {@code warning} otherwise), in its channel's form (a webhook's JSON, a chat message, an SMS).
 * An SMS receiver gets it only within the organization's SMS per hour; beyond, it is skipped and logged (the e-mail
 * and chat receivers still get it).
 */
@Service
public class OrgNotificationMailer {

    /** The outbox {@code transition} of these messages. */
    public static final String KIND = "ORG_NOTIFICATION";

    private static final Logger log = LoggerFactory.getLogger(OrgNotificationMailer.class);

    private final OutboxRepository outbox;
    private final OutboxDispatcher dispatcher;
    private final TransactionTemplate tx;
    private final ReceiverRepository receivers;
    private final java.util.Map<String, Notifier> notifiers;
    private final Quotas quotas;

    public OrgNotificationMailer(OutboxRepository outbox, OutboxDispatcher dispatcher,
                                 PlatformTransactionManager transactionManager, ReceiverRepository receivers,
                                 java.util.List<Notifier> notifiers, Quotas quotas) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.tx = new TransactionTemplate(transactionManager);
        this.receivers = receivers;
        this.notifiers = notifiers.stream().collect(java.util.stream.Collectors.toMap(Notifier::channel, n -> n));
        this.quotas = quotas;
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
        UUID orgId = uuidOrNull(n.orgId());
        java.util.List<Receiver> routed = nodeOperation(n) && orgId != null ? receiversOf(orgId, n) : java.util.List.of();
        if (recipients.isEmpty() && routed.isEmpty()) {
            log.info("Notification {} ({}) names no recipient", n.notificationId(), n.kind());
            return 0;
        }
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
            for (Receiver r : routed) {
                if (SmsNotifier.CHANNEL.equals(r.channel())
                        && outbox.smsInLastHour(orgId) >= quotas.limit(orgId, Quotas.SMS_PER_HOUR)) {
                    log.warn("Notification {} ({}): the SMS per hour of organization {} are used up; not sent to"
                            + " receiver {}", n.notificationId(), n.kind(), orgId, r.name());
                    continue;
                }
                String key = OutboxRepository.key("org-notification|" + n.notificationId() + "|receiver|" + r.id());
                if (outbox.enqueue(key, "notification:" + n.notificationId(), KIND, created, r.channel(),
                        r.address(), r.id(), notifiers.get(r.channel()).notice(subject(n), text(n), r))) {
                    count++;
                }
            }
            return count;
        });
        int count = added == null ? 0 : added;
        if (count > 0) {
            log.info("Notification {} ({}) of organization {}: {} message(s) queued", n.notificationId(), n.kind(),
                    n.orgId(), count);
            dispatcher.wake();
        } else {
            log.info("Notification {} was queued before: nothing added", n.notificationId());
        }
        return count;
    }

    private static boolean nodeOperation(OrgNotification n) {
        return n.kind() != null && n.kind().startsWith("NODE_");
    }

    /** The organization's receivers that take a node_unreachable alert of the operation's severity, with a sender. */
    private java.util.List<Receiver> receiversOf(UUID orgId, OrgNotification n) {
        String severity = n.kind().endsWith("_FAILED") || n.kind().endsWith("_LIMITED") ? "critical" : "warning";
        return receivers.list(orgId).stream()
                .filter(r -> r.routes(severity, NodeUnreachableRule.TYPE, 0) && notifiers.containsKey(r.channel()))
                .toList();
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
