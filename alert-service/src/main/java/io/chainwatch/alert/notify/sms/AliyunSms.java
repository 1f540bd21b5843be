package io.chainwatch.alert.notify.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import io.chainwatch.alert.notify.HttpDelivery;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.notify.Signing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Aliyun (Alibaba Cloud) SMS {@code SendSms}, API version 2017-05-25, RPC style with signature method V2
 * (HMAC-SHA1), as documented: the parameters (common + operation, without {@code Signature}) sorted by name,
 * names and values percent-encoded per RFC 3986 (space {@code %20}, {@code *} {@code %2A}, {@code ~} kept),
 * joined as {@code k=v&...}; string to sign {@code POST&%2F&percentEncode(canonicalized)}; key
 * {@code AccessKeySecret + "&"}; {@code Signature = base64(HMAC-SHA1)}. Sent as a form POST. Answer {@code Code}
 * {@code OK} is success; throttling and service errors are retried; credential, signature and parameter errors
 * are permanent.
 */
public class AliyunSms implements SmsProvider {

    public static final String DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com/";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<String> RETRYABLE = Set.of("isv.BUSINESS_LIMIT_CONTROL", "Throttling",
            "Throttling.User", "ServiceUnavailable", "InternalError", "isp.SYSTEM_ERROR", "isp.RAM_PERMISSION_DENY");

    private final SmsProperties properties;
    private final JsonMapper json;

    public AliyunSms(SmsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Notifier.Result send(String phone, String text, String outId) {
        Map<String, String> params = new TreeMap<>();
        params.put("AccessKeyId", properties.keyId());
        params.put("Action", "SendSms");
        params.put("Format", "JSON");
        params.put("OutId", outId);
        params.put("PhoneNumbers", phone);
        params.put("RegionId", properties.region().isEmpty() ? "cn-hangzhou" : properties.region());
        params.put("SignName", properties.signName());
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("SignatureVersion", "1.0");
        params.put("TemplateCode", properties.templateId());
        params.put("TemplateParam", json.writeValueAsString(Map.of(properties.templateParam(), text)));
        params.put("Timestamp", ISO.format(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        params.put("Version", "2017-05-25");
        String body = signedForm(params, properties.keySecret(), "POST");
        String endpoint = properties.endpoint().isEmpty() ? DEFAULT_ENDPOINT : properties.endpoint();
        return HttpDelivery.post(endpoint, "application/x-www-form-urlencoded", body, Map.of(), answer -> {
            JsonNode node = json.readTree(answer);
            String code = node.path("Code").asString("");
            if ("OK".equals(code)) {
                return Notifier.Result.ok();
            }
            String error = "Aliyun SMS " + code + ": " + node.path("Message").asString("");
            return RETRYABLE.contains(code) ? Notifier.Result.retry(error) : Notifier.Result.giveUp(error);
        });
    }

    /** The canonicalized parameters plus {@code Signature}, as a form body. */
    static String signedForm(Map<String, String> sortedParams, String secret, String method) {
        String canonical = sortedParams.entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonical);
        String signature = Base64.getEncoder().encodeToString(
                Signing.hmac("HmacSHA1", (secret + "&").getBytes(StandardCharsets.UTF_8), stringToSign));
        return canonical + "&Signature=" + percentEncode(signature);
    }

    static String percentEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
