package io.chainwatch.alert.receiver;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainwatch.alert.ruleset.KnownRuleType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Who is told, over which channel, and which alerts (routing) — per organization.
 *
 * @param channel         one of the service's channels ({@link Channels}): {@code email}, {@code sms},
 *                        {@code webhook}, {@code dingtalk}, {@code wecom}, {@code slack}
 * @param address         e-mail address, phone number (E.164) or URL; a URL ({@link Channels#secretUrl}) is a
 *                        secret — it carries the robot's access token — stored encrypted and shown masked
 *                        ({@link ReceiverView}); required on create, left out on replace = unchanged
 * @param locale          {@code en} or {@code zh}
 * @param secret          signing secret (webhook HMAC, DingTalk robot); write-only in the API (responses are
 *                        {@link ReceiverView}s), stored encrypted
 * @param severities      severities routed to this receiver; empty = all
 * @param ruleTypes       rule types routed to this receiver; empty = all
 * @param escalationLevel 0 = told when an alert fires; 1 = told when it stays unacknowledged (escalation)
 * @param enabled         false = routes nothing
 * @param sms             an SMS receiver's own provider account (its secret is {@code secret}); null = the service's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receiver(
        UUID id,
        UUID orgId,
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Size(max = 40) String channel,
        @Size(max = 2000) String address,
        @Pattern(regexp = "en|zh", message = "must be en or zh") String locale,
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) @Size(max = 500) String secret,
        @Size(max = 20) List<@Pattern(regexp = "critical|warning|info",
                message = "must be critical, warning or info") String> severities,
        @Size(max = 20) List<@KnownRuleType String> ruleTypes,
        @Min(0) @Max(5) Integer escalationLevel,
        Boolean enabled,
        @Valid SmsSettings sms) {

    public Receiver {
        locale = locale == null ? "en" : locale;
        severities = severities == null ? List.of() : List.copyOf(severities);
        ruleTypes = ruleTypes == null ? List.of() : List.copyOf(ruleTypes);
        escalationLevel = escalationLevel == null ? 0 : escalationLevel;
        enabled = enabled == null || enabled;
    }

    /** A rule's own e-mail recipient: level 0, English, every alert of the rule. */
    public static Receiver ruleEmail(UUID orgId, String address) {
        return new Receiver(null, orgId, address, "email", address, "en", null, List.of(), List.of(), 0, true, null);
    }

    /** Whether an alert of this severity and rule type, at this escalation level, goes to this receiver. */
    public boolean routes(String severity, String ruleType, int level) {
        return enabled && escalationLevel == level
                && (severities.isEmpty() || severities.contains(severity))
                && (ruleTypes.isEmpty() || ruleTypes.contains(ruleType));
    }

    public boolean chinese() {
        return "zh".equals(locale);
    }

    public Receiver withOrgId(UUID newOrgId) {
        return new Receiver(id, newOrgId, name, channel, address, locale, secret, severities, ruleTypes,
                escalationLevel, enabled, sms);
    }

    public Receiver withAddress(String newAddress) {
        return new Receiver(id, orgId, name, channel, newAddress, locale, secret, severities, ruleTypes,
                escalationLevel, enabled, sms);
    }

    public Receiver withSms(SmsSettings newSms) {
        return new Receiver(id, orgId, name, channel, address, locale, secret, severities, ruleTypes,
                escalationLevel, enabled, newSms);
    }

    public Receiver withId(UUID newId) {
        return new Receiver(newId, orgId, name, channel, address, locale, secret, severities, ruleTypes,
                escalationLevel, enabled, sms);
    }
}
