package io.chainwatch.alert.notify.sms;

import java.util.List;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.notify.text.AlertText;
import io.chainwatch.alert.receiver.Receiver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through the configured provider ({@code chainwatch.alert.sms.provider}: Aliyun, Tencent Cloud or Twilio): the
 * subject and one line per alert, cut to {@code max-length}. The idempotency key goes along as the provider's
 * caller reference (Aliyun {@code OutId}, Tencent {@code SessionContext}). The per-organization hourly limit is
 * applied when messages are planned ({@link io.chainwatch.alert.notify.NotificationPlanner}).
 */
@Component
public class SmsNotifier implements Notifier {

    public static final String CHANNEL = "sms";

    private final SmsProperties properties;
    private final SmsProvider provider;

    public SmsNotifier(SmsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.provider = switch (properties.provider()) {
            case "aliyun" -> new AliyunSms(properties, json);
            case "tencent" -> new TencentSms(properties, json);
            case "twilio" -> new TwilioSms(properties);
            default -> null;
        };
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public AddressKind addressKind() {
        return AddressKind.PHONE;
    }

    public SmsProperties properties() {
        return properties;
    }

    @Override
    public Message render(List<AlertEvent> events, Receiver receiver) {
        String text = AlertText.of(receiver.chinese()).shortText(events);
        return new Message(AlertText.of(receiver.chinese()).subject(events), cut(text), null);
    }

    @Override
    public Message notice(String subject, String text, Receiver receiver) {
        return new Message(subject, cut(subject + "\n" + text), null);
    }

    @Override
    public Result send(Notification n) {
        if (provider == null) {
            return Result.giveUp("no SMS provider configured (chainwatch.alert.sms.provider)");
        }
        return provider.send(n.recipient(), n.body(), n.idempotencyKey());
    }

    private String cut(String text) {
        return text.length() <= properties.maxLength() ? text : text.substring(0, properties.maxLength() - 1) + "…";
    }
}
