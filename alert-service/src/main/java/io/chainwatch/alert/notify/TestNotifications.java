package io.chainwatch.alert.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chainwatch.security.QuotaExceededException;
import io.chainwatch.alert.quota.Quotas;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.notify.sms.SmsNotifier;
import org.springframework.stereotype.Service;

/**
 * A receiver's test notification: one clearly marked message ("[TEST]" in the subject, saying that no alert fired)
 * rendered by the receiver's channel's {@link Notifier} as a notice and written to the durable outbox, from where the
 * {@link OutboxDispatcher} sends it like any message (same endpoint handling, retries and backoff). A test SMS counts
 * against the organization's SMS per hour ({@link Quotas#SMS_PER_HOUR}) and is refused when that is used up.
 */
@Service
public class TestNotifications {

    private final OutboxRepository outbox;
    private final OutboxDispatcher dispatcher;
    private final Quotas quotas;
    private final Map<String, Notifier> notifiers;

    public TestNotifications(OutboxRepository outbox, OutboxDispatcher dispatcher, Quotas quotas,
                             List<Notifier> notifiers) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.quotas = quotas;
        this.notifiers = notifiers.stream().collect(Collectors.toMap(Notifier::channel, Function.identity()));
    }

    /** Enqueues the receiver's test message and wakes the dispatcher; returns the outbox ids. */
    public List<Long> send(Receiver receiver, String actor) {
        Notifier notifier = notifiers.get(receiver.channel());
        if (notifier == null) {
            throw new IllegalArgumentException("channel " + receiver.channel() + " has no sender on this server");
        }
        if (SmsNotifier.CHANNEL.equals(receiver.channel())) {
            long perHour = quotas.limit(receiver.orgId(), Quotas.SMS_PER_HOUR);
            if (outbox.smsInLastHour(receiver.orgId()) >= perHour) {
                throw new QuotaExceededException(Quotas.SMS_PER_HOUR, perHour,
                        "the organization's " + perHour + " SMS per hour are used up; try again later");
            }
        }
        Instant now = Instant.now();
        String subject = receiver.chinese()
                ? "[测试] ChainWatch 测试通知：" + receiver.name()
                : "[TEST] ChainWatch test notification: " + receiver.name();
        String text = receiver.chinese()
                ? "这是一条测试消息，不是告警：" + actor + " 于 " + now + " 从 ChainWatch 向接收者“" + receiver.name()
                        + "”发送。收到即说明此接收者的通道可用。"
                : "This is a test message, not an alert: sent by " + actor + " at " + now + " from ChainWatch to the"
                        + " receiver \"" + receiver.name() + "\". If you read it, this receiver's channel works.";
        Message message = notifier.notice(subject, text, receiver);
        long id = outbox.enqueueTest(OutboxRepository.key("test|" + receiver.id() + "|" + UUID.randomUUID()),
                receiver, message);
        dispatcher.wake();
        return List.of(id);
    }
}
