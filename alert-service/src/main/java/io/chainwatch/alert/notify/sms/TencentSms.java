package io.chainwatch.alert.notify.sms;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.alert.notify.HttpDelivery;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.notify.Signing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tencent Cloud SMS {@code SendSms}, API version 2021-01-11, signed with TC3-HMAC-SHA256 as documented:
 * canonical request {@code POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:<host>\n\ncontent-type;host\n
 * <hex sha256(body)>}; string to sign {@code TC3-HMAC-SHA256\n<timestamp>\n<date>/sms/tc3_request\n<hex sha256(canonical
 * request)>}; key chain HMAC("TC3" + SecretKey, date) → service → "tc3_request"; {@code Authorization:
 * TC3-HMAC-SHA256 Credential=<SecretId>/<scope>, SignedHeaders=content-type;host, Signature=<hex>}. Answer:
 * {@code Response.SendStatusSet[0].Code} {@code Ok} is success; {@code Response.Error.Code} classifies failures
 * (limits and internal errors retried; authentication and parameter errors permanent).
 */
public class TencentSms implements SmsProvider {

    public static final String DEFAULT_ENDPOINT = "https://sms.tencentcloudapi.com/";
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final SmsProperties properties;
    private final JsonMapper json;

    public TencentSms(SmsProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Override
    public Notifier.Result send(String phone, String text, String outId) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("PhoneNumberSet", List.of(phone));
        request.put("SmsSdkAppId", properties.sdkAppId());
        request.put("SignName", properties.signName());
        request.put("TemplateId", properties.templateId());
        request.put("TemplateParamSet", List.of(text));
        request.put("SessionContext", outId);
        String body = json.writeValueAsString(request);
        String endpoint = properties.endpoint().isEmpty() ? DEFAULT_ENDPOINT : properties.endpoint();
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization(properties.keyId(), properties.keySecret(),
                URI.create(endpoint).getRawAuthority(), body, timestamp));
        headers.put("X-TC-Action", "SendSms");
        headers.put("X-TC-Timestamp", String.valueOf(timestamp));
        headers.put("X-TC-Version", "2021-01-11");
        headers.put("X-TC-Region", properties.region().isEmpty() ? "ap-guangzhou" : properties.region());
        return HttpDelivery.post(endpoint, CONTENT_TYPE, body, headers, answer -> {
            JsonNode response = json.readTree(answer).path("Response");
            JsonNode error = response.path("Error");
            if (!error.isMissingNode()) {
                String code = error.path("Code").asString("");
                String message = "Tencent SMS " + code + ": " + error.path("Message").asString("");
                return code.startsWith("LimitExceeded") || code.startsWith("RequestLimitExceeded")
                        || code.startsWith("InternalError") || code.equals("ResourceUnavailable")
                        ? Notifier.Result.retry(message) : Notifier.Result.giveUp(message);
            }
            JsonNode status = response.path("SendStatusSet").path(0);
            String code = status.path("Code").asString("");
            if ("Ok".equals(code)) {
                return Notifier.Result.ok();
            }
            String message = "Tencent SMS " + code + ": " + status.path("Message").asString("");
            return code.startsWith("LimitExceeded") ? Notifier.Result.retry(message) : Notifier.Result.giveUp(message);
        });
    }

    /** The {@code Authorization} header of a POST of {@code body} to {@code host} at {@code timestamp}. */
    static String authorization(String secretId, String secretKey, String host, String body, long timestamp) {
        String canonicalRequest = "POST\n/\n\n" + "content-type:" + CONTENT_TYPE + "\nhost:" + host + "\n\n"
                + "content-type;host\n" + Signing.sha256Hex(body);
        String date = DATE.format(Instant.ofEpochSecond(timestamp));
        String scope = date + "/sms/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + Signing.sha256Hex(canonicalRequest);
        byte[] secretDate = Signing.hmacSha256(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] secretService = Signing.hmacSha256(secretDate, "sms");
        byte[] secretSigning = Signing.hmacSha256(secretService, "tc3_request");
        String signature = HexFormat.of().formatHex(Signing.hmacSha256(secretSigning, stringToSign));
        return "TC3-HMAC-SHA256 Credential=" + secretId + "/" + scope + ", SignedHeaders=content-type;host, Signature="
                + signature;
    }
}
