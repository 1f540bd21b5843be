package io.chainwatch.alert.notify.wecom;

import java.util.List;
import java.util.Map;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.notify.JsonPostNotifier;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.text.AlertText;
import io.chainwatch.alert.notify.webhook.WebhookPayloads;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.security.UrlGuard;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * WeCom (企业微信) group robot: {@code {"msgtype":"markdown","markdown":{"content":...}}} to the robot's webhook URL
 * ({@code ...cgi-bin/webhook/send?key=...}; the key is the credential). {@code errcode} 0 is success; 45009
 * (frequency limit) is retried; other codes are permanent.
 */
@Component
public class WeComNotifier extends JsonPostNotifier {

    public static final String CHANNEL = "wecom";

    /** Without a send-time address check (tests of the message formats). */
    public WeComNotifier(JsonMapper json) {
        this(json, null);
    }

    /** {@code urlGuard} checks where the receiver's host resolves to before each POST. */
    @Autowired
    public WeComNotifier(JsonMapper json, UrlGuard urlGuard) {
        super(CHANNEL, json, null, urlGuard);
    }

    @Override
    public Message render(List<AlertEvent> events, Receiver receiver) {
        String subject = AlertText.of(receiver.chinese()).subject(events);
        return new Message(subject, body(WebhookPayloads.markdown(events, receiver.chinese())), null);
    }

    @Override
    public Message notice(String subject, String text, Receiver receiver) {
        return new Message(subject, body("**" + subject + "**\n\n" + text), null);
    }

    private String body(String markdown) {
        return json.writeValueAsString(Map.of("msgtype", "markdown", "markdown", Map.of("content", markdown)));
    }

    @Override
    public Result send(Notification n) {
        return post(n.recipient(), "application/json", n.body(), Map.of(),
                body -> errcodeAnswer(body, "WeCom", code -> code == 45009 || code == -1));
    }
}
