package io.chainwatch.alert.notify.sms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.chainwatch.alert.notify.Notification;
import io.chainwatch.alert.notify.Notifier;
import io.chainwatch.alert.support.StubHttpServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each SMS provider against a local server that checks the request and its signature exactly as the provider
 * documents it. The verifiers are written here from the documentation, independently of the production signers.
 */
class SmsProvidersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY_ID = "LTAI5tTestKeyId";
    private static final String SECRET = "testSecret/+=~*";

    // ------------------------------------------------------------------ Aliyun

    @Test
    void aliyunSendSmsIsSignedAsDocumented() {
        try (StubHttpServer aliyun = new StubHttpServer(r -> verifyAliyun(r, SECRET)
                ? new StubHttpServer.Answer(200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"9\",\"RequestId\":\"r\"}")
                : new StubHttpServer.Answer(400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched\"}"))) {
            SmsNotifier sms = notifier("aliyun", aliyun.url("/"), SECRET);
            Notifier.Result result = sms.send(new Notification(1, "sms", "+8613800000000", "s",
                    "[FIRING] 节点不可达：node-1 (chain) * ~ + & =", null, "key-123", null, 0));
            assertThat(result.sent()).as(String.valueOf(result.error())).isTrue();
            Map<String, String> params = form(aliyun.requests().get(0).body());
            assertThat(aliyun.requests().get(0).method()).isEqualTo("POST");
            assertThat(params).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                    .containsEntry("PhoneNumbers", "+8613800000000").containsEntry("SignName", "ChainWatch")
                    .containsEntry("TemplateCode", "SMS_123").containsEntry("OutId", "key-123")
                    .containsEntry("AccessKeyId", KEY_ID).containsEntry("SignatureMethod", "HMAC-SHA1")
                    .containsEntry("SignatureVersion", "1.0").containsEntry("Format", "JSON");
            assertThat(JSON.readTree(params.get("TemplateParam")).get("content").asString())
                    .isEqualTo("[FIRING] 节点不可达：node-1 (chain) * ~ + & =");
            assertThat(params.get("Timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

            SmsNotifier wrongKey = notifier("aliyun", aliyun.url("/"), "not-the-secret");
            Notifier.Result rejected = wrongKey.send(new Notification(2, "sms", "+8613800000000", "s", "x", 0));
            assertThat(rejected.sent()).isFalse();
            assertThat(rejected.retryable()).isFalse();
            assertThat(rejected.error()).contains("SignatureDoesNotMatch");
        }
    }

    @Test
    void aliyunThrottlingIsRetried() {
        try (StubHttpServer aliyun = new StubHttpServer(r -> new StubHttpServer.Answer(200,
                "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"limit\"}"))) {
            Notifier.Result r = notifier("aliyun", aliyun.url("/"), SECRET)
                    .send(new Notification(1, "sms", "+8613800000000", "s", "x", 0));
            assertThat(r.retryable()).isTrue();
        }
    }

    /** Aliyun RPC signature V2: sorted, RFC 3986-encoded query; "POST&%2F&" + encode(query); HMAC-SHA1(secret + "&"). */
    private static boolean verifyAliyun(StubHttpServer.Request r, String secret) {
        Map<String, String> params = new TreeMap<>(form(r.body()));
        String signature = params.remove("Signature");
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(rfc3986(e.getKey())).append('=').append(rfc3986(e.getValue()));
        }
        String stringToSign = r.method() + "&" + rfc3986("/") + "&" + rfc3986(query.toString());
        String expected = Base64.getEncoder().encodeToString(hmac("HmacSHA1", (secret + "&").getBytes(StandardCharsets.UTF_8),
                stringToSign));
        return expected.equals(signature)
                && "application/x-www-form-urlencoded".equals(r.header("Content-Type"));
    }

    /** RFC 3986 unreserved characters stay, every other byte of the UTF-8 form becomes %XY. */
    private static String rfc3986(String s) {
        StringBuilder b = new StringBuilder();
        for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ Tencent Cloud

    @Test
    void tencentSendSmsIsSignedWithTc3AsDocumented() {
        try (StubHttpServer tencent = new StubHttpServer(r -> verifyTencent(r, SECRET)
                ? new StubHttpServer.Answer(200, "{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"1\",\"PhoneNumber\":"
                        + "\"+8613800000000\",\"Fee\":1,\"SessionContext\":\"key-9\",\"Code\":\"Ok\",\"Message\":\"send success\","
                        + "\"IsoCode\":\"CN\"}],\"RequestId\":\"a0aabda6\"}}")
                : new StubHttpServer.Answer(200, "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\","
                        + "\"Message\":\"The provided credentials could not be validated.\"},\"RequestId\":\"b\"}}"))) {
            SmsNotifier sms = notifier("tencent", tencent.url("/"), SECRET);
            Notifier.Result result = sms.send(new Notification(1, "sms", "+8613800000000", "s", "[FIRING] 链停止出块：c",
                    null, "key-9", null, 0));
            assertThat(result.sent()).as(String.valueOf(result.error())).isTrue();
            StubHttpServer.Request req = tencent.requests().get(0);
            assertThat(req.header("X-TC-Action")).isEqualTo("SendSms");
            assertThat(req.header("X-TC-Version")).isEqualTo("2021-01-11");
            assertThat(req.header("X-TC-Region")).isEqualTo("ap-guangzhou");
            JsonNode body = JSON.readTree(req.body());
            assertThat(body.get("PhoneNumberSet").get(0).asString()).isEqualTo("+8613800000000");
            assertThat(body.get("SmsSdkAppId").asString()).isEqualTo("1400000000");
            assertThat(body.get("TemplateId").asString()).isEqualTo("SMS_123");
            assertThat(body.get("TemplateParamSet").get(0).asString()).isEqualTo("[FIRING] 链停止出块：c");
            assertThat(body.get("SessionContext").asString()).isEqualTo("key-9");

            Notifier.Result rejected = notifier("tencent", tencent.url("/"), "wrong")
                    .send(new Notification(2, "sms", "+8613800000000", "s", "x", 0));
            assertThat(rejected.sent()).isFalse();
            assertThat(rejected.retryable()).isFalse();
            assertThat(rejected.error()).contains("AuthFailure.SignatureFailure");
        }
    }

    @Test
    void tencentLimitsAreRetried() {
        try (StubHttpServer tencent = new StubHttpServer(r -> new StubHttpServer.Answer(200,
                "{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"slow down\"},\"RequestId\":\"c\"}}"))) {
            assertThat(notifier("tencent", tencent.url("/"), SECRET)
                    .send(new Notification(1, "sms", "+8613800000000", "s", "x", 0)).retryable()).isTrue();
        }
    }

    /** TC3-HMAC-SHA256 from the received request: canonical request, string to sign, derived key, hex signature. */
    private static boolean verifyTencent(StubHttpServer.Request r, String secretKey) {
        String auth = r.header("Authorization");
        long timestamp = Long.parseLong(r.header("X-TC-Timestamp"));
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(timestamp));
        String canonicalHeaders = "content-type:" + r.header("Content-Type").toLowerCase() + "\n"
                + "host:" + r.header("Host").toLowerCase() + "\n";
        String canonicalRequest = r.method() + "\n" + r.path() + "\n" + (r.query() == null ? "" : r.query()) + "\n"
                + canonicalHeaders + "\n" + "content-type;host" + "\n" + sha256Hex(r.body());
        String scope = date + "/sms/tc3_request";
        String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
        byte[] kDate = hmac("HmacSHA256", ("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] kService = hmac("HmacSHA256", kDate, "sms");
        byte[] kSigning = hmac("HmacSHA256", kService, "tc3_request");
        String signature = HexFormat.of().formatHex(hmac("HmacSHA256", kSigning, stringToSign));
        String expected = "TC3-HMAC-SHA256 Credential=" + KEY_ID + "/" + scope
                + ", SignedHeaders=content-type;host, Signature=" + signature;
        return expected.equals(auth) && "application/json; charset=utf-8".equals(r.header("Content-Type"))
                && Math.abs(Instant.now().getEpochSecond() - timestamp) < 300;
    }

    // ------------------------------------------------------------------ helpers

    private static SmsNotifier notifier(String provider, String endpoint, String secret) {
        return new SmsNotifier(new SmsProperties(provider, endpoint, KEY_ID, secret, "ChainWatch", "SMS_123",
                "content", "", "1400000000", 10, 300, "", "", ""), JSON, null);
    }

    // ------------------------------------------------------------------ Twilio

    /**
     * Twilio's Messages API as its documentation describes the request (no Twilio server can run here): the stub
     * checks the path with the Account SID, HTTP Basic with SID and Auth Token, and the form, and answers as Twilio
     * does — 201 with the queued message, 401 with error 20003 for wrong credentials.
     */
    @Test
    void twilioMessagesAreSentWithBasicAuthAndTheDocumentedForm() {
        String sid = "AC0123456789abcdef0123456789abcdef";
        String token = "twilio-auth-token";
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((sid + ":" + token)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (StubHttpServer twilio = new StubHttpServer(r -> basic.equals(r.header("Authorization"))
                && r.path().equals("/2010-04-01/Accounts/" + sid + "/Messages.json")
                ? new StubHttpServer.Answer(201, "{\"sid\":\"SM1\",\"status\":\"queued\"}")
                : new StubHttpServer.Answer(401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}"))) {
            SmsNotifier sms = twilio(twilio.url(""), sid, token, "+15005550006");
            Notifier.Result result = sms.send(new Notification(1, "sms", "+8613800000000", "s",
                    "[FIRING] 节点不可达：node-1 & more", null, "key-1", null, 0));
            assertThat(result.sent()).as(String.valueOf(result.error())).isTrue();
            StubHttpServer.Request req = twilio.requests().get(0);
            assertThat(req.method()).isEqualTo("POST");
            assertThat(req.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(form(req.body())).containsEntry("To", "+8613800000000").containsEntry("From", "+15005550006")
                    .containsEntry("Body", "[FIRING] 节点不可达：node-1 & more");

            Notifier.Result viaService = twilio(twilio.url(""), sid, token, "MG0123456789abcdef0123456789abcdef")
                    .send(new Notification(2, "sms", "+8613800000000", "s", "x", 0));
            assertThat(viaService.sent()).isTrue();
            assertThat(form(twilio.requests().get(1).body()))
                    .containsEntry("MessagingServiceSid", "MG0123456789abcdef0123456789abcdef").doesNotContainKey("From");

            Notifier.Result rejected = twilio(twilio.url(""), sid, "wrong-token", "+15005550006")
                    .send(new Notification(3, "sms", "+8613800000000", "s", "x", 0));
            assertThat(rejected.sent()).isFalse();
            assertThat(rejected.retryable()).isFalse();
            assertThat(rejected.error()).contains("401", "20003");
        }
    }

    @Test
    void twilioRateLimitsAreRetriedAndMissingSettingsSaySo() {
        try (StubHttpServer twilio = new StubHttpServer(r -> new StubHttpServer.Answer(429,
                "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"))) {
            Notifier.Result limited = twilio(twilio.url(""), "AC1", "t", "+15005550006")
                    .send(new Notification(1, "sms", "+8613800000000", "s", "x", 0));
            assertThat(limited.retryable()).isTrue();
        }
        Notifier.Result unset = twilio("http://127.0.0.1:1", "AC1", "t", "")
                .send(new Notification(1, "sms", "+8613800000000", "s", "x", 0));
        assertThat(unset.retryable()).isFalse();
        assertThat(unset.error()).contains("from");
    }

    private static SmsNotifier twilio(String endpoint, String sid, String token, String from) {
        return new SmsNotifier(new SmsProperties("twilio", endpoint, sid, token, "ChainWatch", "", "content", "", "",
                10, 300, from, "", ""), JSON, null);
    }

    // ------------------------------------------------------------------ a plain HTTP API

    /**
     * The http provider against a stand-in for a provider's plain HTTP API: the rendered body (JSON-escaped text),
     * and the signature recomputed here from the secret, the timestamp header and the body as received.
     */
    @Test
    void httpProviderPostsTheTemplateSignedLikeWebhooks() throws Exception {
        String secret = "provider-shared-secret";
        try (StubHttpServer api = new StubHttpServer(r -> new StubHttpServer.Answer(202, "{\"accepted\":true}"))) {
            SmsNotifier sms = http(api.url("/v1/sms"), "acct-7", secret, "", "");
            String text = "[FIRING] \"quoted\" 节点不可达\nline 2";
            Notifier.Result result = sms.send(new Notification(1, "sms", "+8613800000000", "s", text, null, "key-9",
                    null, 0));
            assertThat(result.sent()).as(String.valueOf(result.error())).isTrue();
            StubHttpServer.Request req = api.requests().get(0);
            assertThat(req.path()).isEqualTo("/v1/sms");
            assertThat(req.header("Content-Type")).startsWith("application/json");
            assertThat(req.header("X-ChainWatch-Key-Id")).isEqualTo("acct-7");
            JsonNode body = JSON.readTree(req.body());
            assertThat(body.get("to").asString()).isEqualTo("+8613800000000");
            assertThat(body.get("text").asString()).isEqualTo(text);
            assertThat(body.get("id").asString()).isEqualTo("key-9");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(
                    (req.header("X-ChainWatch-Timestamp") + "." + req.body()).getBytes(StandardCharsets.UTF_8)));
            assertThat(req.header("X-ChainWatch-Signature")).isEqualTo(expected);
        }
    }

    @Test
    void httpProviderFormTemplatesAreFormEncodedAndServerErrorsRetried() {
        try (StubHttpServer api = new StubHttpServer(r -> r.body().contains("mobile=")
                ? new StubHttpServer.Answer(503, "busy") : new StubHttpServer.Answer(400, "bad"))) {
            SmsNotifier sms = http(api.url("/send"), "", "", "mobile={phone}&content={text}",
                    "application/x-www-form-urlencoded");
            Notifier.Result busy = sms.send(new Notification(1, "sms", "+8613800000000", "s", "a & b = c", 0));
            assertThat(busy.retryable()).isTrue();
            assertThat(form(api.requests().get(0).body())).containsEntry("mobile", "+8613800000000")
                    .containsEntry("content", "a & b = c");
            assertThat(api.requests().get(0).header("X-ChainWatch-Signature")).as("no secret: unsigned").isNull();
        }
    }

    private static SmsNotifier http(String endpoint, String keyId, String secret, String template, String type) {
        return new SmsNotifier(new SmsProperties("http", endpoint, keyId, secret, "ChainWatch", "", "content", "", "",
                10, 300, "", template, type), JSON, null);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
