package io.chainwatch.alert.notify.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.chainwatch.alert.notify.HttpDelivery;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.notify.Signing;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider with a plain HTTP API (many have one): a POST of {@code body-template} to {@code endpoint} with
 * {@code content-type}, the placeholders {@code {phone}}, {@code {text}} and {@code {id}} (the message's idempotency
 * key) filled in escaped for the content type (JSON string content for {@code application/json}, form encoding for
 * {@code application/x-www-form-urlencoded}, as they are otherwise). With a {@code key-secret} the request is signed
 * as ChainWatch's webhooks are: {@code X-ChainWatch-Timestamp: <epoch seconds>} and
 * {@code X-ChainWatch-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}; with a {@code key-id} it
 * carries {@code X-ChainWatch-Key-Id}. A 2xx answer is success; 408, 429 and 5xx are retried, other answers are not.
 */
public class HttpSms implements SmsProvider {

    public static final String DEFAULT_BODY = "{\"to\":\"{phone}\",\"text\":\"{text}\",\"id\":\"{id}\"}";
    public static final String DEFAULT_CONTENT_TYPE = "application/json";

    private final SmsProperties properties;
    private final JsonMapper json;

    public HttpSms(SmsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Notifier.Result send(String phone, String text, String outId) {
        if (properties.endpoint().isEmpty()) {
            return Notifier.Result.giveUp("the http SMS provider needs an endpoint");
        }
        String contentType = properties.contentType().isEmpty() ? DEFAULT_CONTENT_TYPE : properties.contentType();
        String template = properties.bodyTemplate().isEmpty() ? DEFAULT_BODY : properties.bodyTemplate();
        String body = template.replace("{phone}", escape(phone, contentType))
                .replace("{text}", escape(text, contentType)).replace("{id}", escape(outId, contentType));
        Map<String, String> headers = new LinkedHashMap<>();
        if (!properties.keyId().isEmpty()) {
            headers.put("X-ChainWatch-Key-Id", properties.keyId());
        }
        if (!properties.keySecret().isEmpty()) {
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            byte[] mac = Signing.hmacSha256(properties.keySecret().getBytes(StandardCharsets.UTF_8),
                    timestamp + "." + body);
            headers.put("X-ChainWatch-Timestamp", timestamp);
            headers.put("X-ChainWatch-Signature", "sha256=" + HexFormat.of().formatHex(mac));
        }
        return HttpDelivery.post(properties.endpoint(), contentType, body, headers, answer -> Notifier.Result.ok());
    }

    private String escape(String value, String contentType) {
        String v = value == null ? "" : value;
        if (contentType.startsWith("application/json")) {
            String quoted = json.writeValueAsString(v);
            return quoted.substring(1, quoted.length() - 1);
        }
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            return URLEncoder.encode(v, StandardCharsets.UTF_8);
        }
        return v;
    }
}
