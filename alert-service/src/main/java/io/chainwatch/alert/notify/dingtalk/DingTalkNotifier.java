package io.chainwatch.alert.notify.dingtalk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.chainwatch.alert.alert.AlertEvent;
import io.chainwatch.alert.notify.HttpDelivery;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.notify.Signing;
import io.chainwatch.alert.notify.text.AlertText;
import io.chainwatch.alert.notify.webhook.WebhookPayloads;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.security.UrlGuard;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DingTalk custom robot: a markdown message to the robot's webhook URL ({@code ...robot/send?access_token=...}).
 * With a secret ("加签"), {@code timestamp} (ms) and {@code sign} = urlEncode(base64(HmacSHA256(secret,
 * timestamp + "\n" + secret))) are appended to the URL, as DingTalk documents. The answer's {@code errcode} 0 is
 * success; 130101 (sending too fast) and -1 (busy) are retried; any other code is permanent.
 */
@Component
public class DingTalkNotifier implements Notifier {

    public static final String CHANNEL = "dingtalk";

    private final JsonMapper json;
    private final UrlGuard urlGuard;
    private final ReceiverRepository receivers;

    /** Without a send-time address check (tests of the message formats). */
    public DingTalkNotifier(JsonMapper json, ReceiverRepository receivers) {
        this(json, receivers, null);
    }

    /** {@code urlGuard} checks where the receiver's host resolves to before each POST. */
    @Autowired
    public DingTalkNotifier(JsonMapper json, ReceiverRepository receivers, UrlGuard urlGuard) {
        this.json = json;
        this.receivers = receivers;
        this.urlGuard = urlGuard;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Message render(List<AlertEvent> events, Receiver receiver) {
        String subject = AlertText.of(receiver.chinese()).subject(events);
        return new Message(subject, body(subject, WebhookPayloads.markdown(events, receiver.chinese())), null);
    }

    @Override
    public Message notice(String subject, String text, Receiver receiver) {
        return new Message(subject, body(subject, "**" + subject + "**\n\n" + text), null);
    }

    private String body(String title, String markdown) {
        return json.writeValueAsString(Map.of("msgtype", "markdown",
                "markdown", Map.of("title", title, "text", markdown)));
    }

    /** The signed URL for {@code timestampMs}. */
    public static String signedUrl(String url, String secret, long timestampMs) {
        String toSign = timestampMs + "\n" + secret;
        String sign = Base64.getEncoder().encodeToString(
                Signing.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), toSign));
        return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestampMs + "&sign="
                + URLEncoder.encode(sign, StandardCharsets.UTF_8);
    }

    @Override
    public Result send(Notification n) {
        String secret = n.receiverId() == null ? null
                : receivers.find(n.receiverId()).map(Receiver::secret).orElse(null);
        String url = secret == null || secret.isEmpty() ? n.recipient()
                : signedUrl(n.recipient(), secret, System.currentTimeMillis());
        return HttpDelivery.post(url, "application/json; charset=utf-8", n.body(), Map.of(), body -> {
            JsonNode answer = json.readTree(body);
            int code = answer.path("errcode").asInt(-2);
            if (code == 0) {
                return Result.ok();
            }
            String error = "DingTalk errcode " + code + ": " + answer.path("errmsg").asString("");
            return code == 130101 || code == -1 ? Result.retry(error) : Result.giveUp(error);
        }, urlGuard);
    }
}
