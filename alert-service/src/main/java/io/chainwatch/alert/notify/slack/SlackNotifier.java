package io.chainwatch.alert.notify.slack;

import java.util.List;
import java.util.Map;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.notify.JsonPostNotifier;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.text.AlertText;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.security.UrlGuard;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack incoming webhook: {@code {"text": ...}} in Slack's mrkdwn ({@code *bold*}); 2xx is success, 429 and 5xx
 * are retried (Slack answers 4xx with a reason such as {@code invalid_token} for permanent errors).
 */
@Component
public class SlackNotifier extends JsonPostNotifier {

    public static final String CHANNEL = "slack";

    /** Without a send-time address check (tests of the message formats). */
    public SlackNotifier(JsonMapper json) {
        this(json, null);
    }

    /** {@code urlGuard} checks where the receiver's host resolves to before each POST. */
    @Autowired
    public SlackNotifier(JsonMapper json, UrlGuard urlGuard) {
        super(CHANNEL, json, null, urlGuard);
    }

    @Override
    public Message render(List<AlertEvent> events, Receiver receiver) {
        AlertText text = AlertText.of(receiver.chinese());
        String subject = text.subject(events);
        StringBuilder b = new StringBuilder("*").append(subject).append("*\n").append(text.lead(events));
        for (AlertEvent e : events) {
            b.append("\n• ").append(e.summary());
        }
        return new Message(subject, json.writeValueAsString(Map.of("text", b.toString())), null);
    }

    @Override
    public Message notice(String subject, String text, Receiver receiver) {
        return new Message(subject, json.writeValueAsString(Map.of("text", "*" + subject + "*\n" + text)), null);
    }

    @Override
    public Result send(Notification n) {
        return post(n.recipient(), "application/json", n.body(), Map.of(), body -> Result.ok());
    }

    /** An incoming webhook's path after {@code /services/} is its secret. */
    @Override
    public String maskedPath(String path) {
        return path.startsWith("/services/") ? "/services/" + io.chainwatch.security.SecretUrls.MASK : path;
    }
}
