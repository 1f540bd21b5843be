package io.chainwatch.alert.receiver;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An SMS receiver's own provider account, used instead of the service's ({@code chainwatch.alert.sms.*}): so each
 * organization pays for and controls its own SMS. The account's secret (Aliyun AccessKeySecret, Tencent SecretKey,
 * Twilio Auth Token, the http provider's signing secret) is the receiver's write-only {@code secret}, stored
 * encrypted like every receiver secret; these settings identify the account and are shown.
 *
 * @param provider      {@code aliyun}, {@code tencent}, {@code twilio} or {@code http} (a plain HTTP API)
 * @param endpoint      the provider's API URL (checked like a webhook's; shown masked, as it may carry a key, and
 *                      sending the masked one back keeps it); empty = its public endpoint; required for {@code http}
 * @param keyId         Aliyun AccessKeyId / Tencent SecretId / Twilio Account SID (required for these three); http:
 *                      sent as {@code X-ChainWatch-Key-Id}
 * @param signName      Aliyun / Tencent: the registered SMS signature
 * @param templateId    Aliyun TemplateCode / Tencent TemplateId
 * @param templateParam Aliyun: the template variable's name
 * @param region        Aliyun RegionId / Tencent region
 * @param sdkAppId      Tencent SmsSdkAppId
 * @param from          Twilio: a Twilio phone number or a Messaging Service SID ({@code MG...})
 * @param bodyTemplate  http: the request body with {@code {phone}}, {@code {text}} and {@code {id}}
 * @param contentType   http: the body's content type (default {@code application/json})
 */
public record SmsSettings(
        @NotBlank @Pattern(regexp = "aliyun|tencent|twilio|http", message = "must be aliyun, tencent, twilio or http")
        String provider,
        @Size(max = 500) String endpoint,
        @Size(max = 200) String keyId,
        @Size(max = 100) String signName,
        @Size(max = 100) String templateId,
        @Size(max = 100) String templateParam,
        @Size(max = 100) String region,
        @Size(max = 100) String sdkAppId,
        @Size(max = 100) String from,
        @Size(max = 2000) String bodyTemplate,
        @Size(max = 100) String contentType) {

    /** These settings with the endpoint masked as a secret URL is (a key in its query or path is not shown). */
    public SmsSettings masked() {
        String shown = endpoint == null || endpoint.isBlank() ? endpoint : ReceiverView.maskUrl(endpoint, p -> p);
        return new SmsSettings(provider, shown, keyId, signName, templateId, templateParam, region, sdkAppId, from,
                bodyTemplate, contentType);
    }

    /** These settings with {@code stored}'s endpoint when this one is absent or the masked one the API showed. */
    public SmsSettings keepingEndpointOf(SmsSettings stored) {
        if (stored == null || stored.endpoint() == null
                || (endpoint != null && !endpoint.isBlank() && !endpoint.equals(stored.masked().endpoint()))) {
            return this;
        }
        return new SmsSettings(provider, stored.endpoint(), keyId, signName, templateId, templateParam, region,
                sdkAppId, from, bodyTemplate, contentType);
    }
}
