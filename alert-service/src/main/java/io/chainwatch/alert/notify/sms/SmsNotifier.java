package io.chainwatch.alert.notify.sms;

import java.util.List;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.notify.text.AlertText;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.alert.receiver.SmsSettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through the receiver's own provider account ({@link SmsSettings}) or else the service's
 * ({@code chainwatch.alert.sms.provider}); providers: Aliyun, Tencent Cloud, Twilio, a plain HTTP API. The text: the
 * subject and one line per alert, cut to {@code max-length}. The idempotency key goes along as the provider's
 * caller reference (Aliyun {@code OutId}, Tencent {@code SessionContext}). The per-organization hourly limit is
 * applied when messages are planned ({@link io.chainwatch.alert.notify.NotificationPlanner}).
 */
@Component
public class SmsNotifier implements Notifier {

    public static final String CHANNEL = "sms";

    private final SmsProperties properties;
    private final JsonMapper json;
    private final ReceiverRepository receivers;
    private final SmsProvider provider;

    /** @param receivers where a receiver's own provider account is read (null: every SMS through the service's) */
    public SmsNotifier(SmsProperties properties, JsonMapper json, ReceiverRepository receivers) {
        this.properties = properties;
        this.json = json;
        this.receivers = receivers;
        this.provider = provider(properties, json);
    }

    private static SmsProvider provider(SmsProperties properties, JsonMapper json) {
        return switch (properties.provider()) {
            case "aliyun" -> new AliyunSms(properties, json);
            case "tencent" -> new TencentSms(properties, json);
            case "twilio" -> new TwilioSms(properties);
            case "http" -> new HttpSms(properties, json);
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
        Receiver receiver = n.receiverId() == null || receivers == null ? null
                : receivers.find(n.receiverId()).orElse(null);
        SmsProvider through = receiver != null && receiver.sms() != null ? provider(own(receiver), json) : provider;
        if (through == null) {
            return Result.giveUp("no SMS provider configured (chainwatch.alert.sms.provider)");
        }
        return through.send(n.recipient(), n.body(), n.idempotencyKey());
    }

    /** The receiver's own account ({@link SmsSettings} and its secret) over the service's other SMS settings. */
    private SmsProperties own(Receiver r) {
        SmsSettings s = r.sms();
        return new SmsProperties(s.provider(), or(s.endpoint(), ""), s.keyId(), r.secret() == null ? "" : r.secret(),
                or(s.signName(), properties.signName()), or(s.templateId(), ""),
                or(s.templateParam(), properties.templateParam()), or(s.region(), ""), or(s.sdkAppId(), ""),
                properties.perHour(), properties.maxLength(), or(s.from(), ""), or(s.bodyTemplate(), ""),
                or(s.contentType(), ""));
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    private String cut(String text) {
        return text.length() <= properties.maxLength() ? text : text.substring(0, properties.maxLength() - 1) + "…";
    }
}
