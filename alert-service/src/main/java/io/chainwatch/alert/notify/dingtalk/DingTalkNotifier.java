package io.chainwatch.alert.notify.dingtalk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.notify.JsonPostNotifier;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.Signing;
import io.chainwatch.alert.notify.text.AlertText;
import io.chainwatch.alert.notify.webhook.WebhookPayloads;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.security.UrlGuard;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * DingTalk custom robot: a markdown message to the robot's webhook URL ({@code ...robot/send?access_token=...}).
 * With a secret ("加签"), {@code timestamp} (ms) and {@code sign} = urlEncode(base64(HmacSHA256(secret,
 * timestamp + "\n" + secret))) are appended to the URL, as DingTalk documents. The answer's {@code errcode} 0 is
 * success; 130101 (sending too fast) and -1 (busy) are retried; any other code is permanent.
 */
@Component
public class DingTalkNotifier extends JsonPostNotifier {

    public static final String CHANNEL = "dingtalk";

    /** Without a send-time address check (tests of the message formats). */
    public DingTalkNotifier(JsonMapper json, ReceiverRepository receivers) {
        this(json, receivers, null);
    }

    /** {@code urlGuard} checks where the receiver's host resolves to before each POST. */
    @Autowired
    public DingTalkNotifier(JsonMapper json, ReceiverRepository receivers, UrlGuard urlGuard) {
        super(CHANNEL, json, receivers, urlGuard);
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
        String secret = signingSecret(n);
        String url = secret == null ? n.recipient() : signedUrl(n.recipient(), secret, System.currentTimeMillis());
        return post(url, "application/json; charset=utf-8", n.body(), Map.of(),
                body -> errcodeAnswer(body, "DingTalk", code -> code == 130101 || code == -1));
    }
}
