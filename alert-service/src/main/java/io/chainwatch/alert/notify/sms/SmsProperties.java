package io.chainwatch.alert.notify.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS settings, under {@code chainwatch.alert.sms} (e.g. {@code CHAINWATCH_ALERT_SMS_PROVIDER=tencent}).
 *
 * @param provider      {@code aliyun}, {@code tencent}, {@code twilio}, {@code http} (a provider's plain HTTP API,
 *                      {@link HttpSms}) or {@code none} (SMS receivers then fail permanently)
 * @param endpoint      the provider's API URL; empty = the provider's public endpoint
 * @param keyId         Aliyun AccessKeyId / Tencent SecretId / Twilio Account SID
 * @param keySecret     Aliyun AccessKeySecret / Tencent SecretKey / Twilio Auth Token
 * @param signName      the registered SMS signature (签名)
 * @param templateId    Aliyun TemplateCode / Tencent TemplateId; the template has one variable for the text
 * @param templateParam Aliyun: name of that template variable
 * @param region        Aliyun RegionId / Tencent X-TC-Region
 * @param sdkAppId      Tencent SmsSdkAppId
 * @param perHour       SMS per organization per hour; beyond it each SMS receiver gets one summary per hour
 * @param maxLength     longest SMS text; longer texts are cut
 * @param from          Twilio: the sender, a Twilio phone number or a Messaging Service SID ({@code MG...})
 * @param bodyTemplate  http: the request body with {@code {phone}}, {@code {text}}, {@code {id}}; empty = JSON
 *                      {@code {"to","text","id"}}
 * @param contentType   http: the body's content type; empty = {@code application/json}
 */
@ConfigurationProperties("chainwatch.alert.sms")
public record SmsProperties(
        @DefaultValue("none") String provider,
        @DefaultValue("") String endpoint,
        @DefaultValue("") String keyId,
        @DefaultValue("") String keySecret,
        @DefaultValue("ChainWatch") String signName,
        @DefaultValue("") String templateId,
        @DefaultValue("content") String templateParam,
        @DefaultValue("") String region,
        @DefaultValue("") String sdkAppId,
        @DefaultValue("10") int perHour,
        @DefaultValue("300") int maxLength,
        @DefaultValue("") String from,
        @DefaultValue("") String bodyTemplate,
        @DefaultValue("") String contentType) {
}
