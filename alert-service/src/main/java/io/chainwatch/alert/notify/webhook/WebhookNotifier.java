package io.chainwatch.alert.notify.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.notify.JsonPostNotifier;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.Signing;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.security.UrlGuard;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generic webhook: POSTs the alert group as JSON ({@link WebhookPayloads}). With a receiver secret it signs:
 * {@code X-ChainWatch-Timestamp: <epoch seconds>} and
 * {@code X-ChainWatch-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}; every request carries
 * {@code Idempotency-Key} (the same on a resend). 2xx = delivered.
 */
@Component
public class WebhookNotifier extends JsonPostNotifier {

    public static final String CHANNEL = "webhook";
    public static final String SIGNATURE_HEADER = "X-ChainWatch-Signature";
    public static final String TIMESTAMP_HEADER = "X-ChainWatch-Timestamp";

    /** Without a send-time address check (tests of the message formats). */
    public WebhookNotifier(JsonMapper json, ReceiverRepository receivers) {
        this(json, receivers, null);
    }

    /** {@code urlGuard} checks where the receiver's host resolves to before each POST. */
    @Autowired
    public WebhookNotifier(JsonMapper json, ReceiverRepository receivers, UrlGuard urlGuard) {
        super(CHANNEL, json, receivers, urlGuard);
    }

    @Override
    public Message render(List<AlertEvent> events, Receiver receiver) {
        Map<String, Object> doc = WebhookPayloads.of(events, receiver.chinese());
        return new Message((String) doc.get("subject"), json.writeValueAsString(doc), null);
    }

    @Override
    public Message notice(String subject, String text, Receiver receiver) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 1);
        doc.put("kind", "NOTICE");
        doc.put("subject", subject);
        doc.put("text", text);
        return new Message(subject, json.writeValueAsString(doc), null);
    }

    @Override
    public Result send(Notification n) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", n.idempotencyKey());
        String secret = signingSecret(n);
        if (secret != null) {
            String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
            headers.put(TIMESTAMP_HEADER, timestamp);
            headers.put(SIGNATURE_HEADER, "sha256=" + HexFormat.of().formatHex(
                    Signing.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), timestamp + "." + n.body())));
        }
        return post(n.recipient(), "application/json", n.body(), headers, body -> Result.ok());
    }
}
