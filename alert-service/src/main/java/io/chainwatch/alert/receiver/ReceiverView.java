package io.chainwatch.alert.receiver;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chainwatch.security.SecretUrls;

/**
 * A receiver as the API shows it: never its secret — only whether one is set and a fingerprint telling two secrets
 * apart (HMAC under the service's key, not reversible). URLs of webhooks and chat robots carry their access token
 * (DingTalk {@code access_token}, WeCom {@code key}, Slack's path, a key-like path segment), so they are never shown
 * whole: {@link #maskUrl} keeps scheme, host, port and the plain path, and masks every query value, a Slack
 * webhook's path after {@code /services/}, path segments that look like keys, user info and fragment. Sending the
 * masked address back in a replace keeps the stored URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiverView(
        UUID id,
        UUID orgId,
        String name,
        String channel,
        String address,
        String locale,
        boolean secretSet,
        String secretFingerprint,
        List<String> severities,
        List<String> ruleTypes,
        Integer escalationLevel,
        Boolean enabled,
        SmsSettings sms) {

    static final String MASK = SecretUrls.MASK;

    /** The receiver with its address as it may be shown ({@link Channels#view} masks it). */
    static ReceiverView of(Receiver r, String shownAddress, String secretFingerprint) {
        return new ReceiverView(r.id(), r.orgId(), r.name(), r.channel(), shownAddress,
                r.locale(), secretFingerprint != null, secretFingerprint, r.severities(), r.ruleTypes(),
                r.escalationLevel(), r.enabled(), r.sms() == null ? null : r.sms().masked());
    }

    /**
     * A secret URL masked: scheme, host, port and the path (through {@code pathMask}, e.g. Slack's) kept, every
     * query value, key-like path segments, user info and fragment masked. Masking a masked URL changes nothing.
     */
    static String maskUrl(String address, java.util.function.UnaryOperator<String> pathMask) {
        try {
            URI uri = new URI(address);
            String path = pathMask.apply(uri.getRawPath() == null ? "" : uri.getRawPath());
            StringBuilder out = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getRawAuthority())
                    .append(path);
            if (uri.getRawQuery() != null) {
                out.append('?');
                String[] pairs = uri.getRawQuery().split("&");
                for (int i = 0; i < pairs.length; i++) {
                    int eq = pairs[i].indexOf('=');
                    out.append(i == 0 ? "" : "&").append(eq < 0 ? MASK : pairs[i].substring(0, eq + 1) + MASK);
                }
            }
            return SecretUrls.mask(out.toString()); // user info, key-like path segments
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return MASK;
        }
    }
}
