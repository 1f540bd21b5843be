package io.chainwatch.alert.notify.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.chainwatch.alert.notify.HttpDelivery;
import io.chainwatch.alert.notify.Notifier;

/**
 * Twilio Programmable Messaging, as documented: {@code POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json},
 * a form with {@code To}, {@code Body} and the sender — {@code From} (a Twilio phone number) or, for a sender id
 * starting with {@code MG}, {@code MessagingServiceSid} — authenticated with HTTP Basic {@code AccountSid:AuthToken}.
 * A 2xx answer (201, the message queued) is success; 429 and 5xx are retried, other errors (401 credentials, 400 a
 * number Twilio refuses) are permanent. Settings: {@code key-id} = Account SID, {@code key-secret} = Auth Token,
 * {@code from}; {@code endpoint} replaces {@code https://api.twilio.com} (tests).
 */
public class TwilioSms implements SmsProvider {

    public static final String DEFAULT_ENDPOINT = "https://api.twilio.com";

    private final SmsProperties properties;

    public TwilioSms(SmsProperties properties) {
        this.properties = properties;
    }

    @Override
    public Notifier.Result send(String phone, String text, String outId) {
        if (properties.keyId().isEmpty() || properties.keySecret().isEmpty() || properties.from().isEmpty()) {
            return Notifier.Result.giveUp("Twilio needs chainwatch.alert.sms.key-id (Account SID), key-secret "
                    + "(Auth Token) and from");
        }
        String base = properties.endpoint().isEmpty() ? DEFAULT_ENDPOINT : properties.endpoint();
        String url = base.replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                + URLEncoder.encode(properties.keyId(), StandardCharsets.UTF_8) + "/Messages.json";
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", phone);
        form.put(properties.from().startsWith("MG") ? "MessagingServiceSid" : "From", properties.from());
        form.put("Body", text);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String credentials = Base64.getEncoder().encodeToString(
                (properties.keyId() + ":" + properties.keySecret()).getBytes(StandardCharsets.UTF_8));
        return HttpDelivery.post(url, "application/x-www-form-urlencoded", body,
                Map.of("Authorization", "Basic " + credentials), answer -> Notifier.Result.ok());
    }
}
