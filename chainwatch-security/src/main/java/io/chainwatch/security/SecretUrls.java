package io.chainwatch.security;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Node URLs often carry the provider's API key: in the userinfo ({@code https://user:key@host}), in the query
 * ({@code ?apikey=...}, {@code ?token=...}) or as a path segment (Infura {@code /v3/<key>}, Alchemy {@code /v2/<key>},
 * QuickNode {@code /<token>/}). {@link #mask} replaces each with {@value #MASK}, keeping scheme, host, port and the
 * rest of the path, so that a viewer, a log line or a metric label shows where a node is without its key.
 */
public final class SecretUrls {

    /** What a secret part of a URL becomes. */
    public static final String MASK = "***";

    private static final Set<String> SECRET_PARAMETERS = Set.of("apikey", "api_key", "api-key", "key", "token",
            "access_token", "auth", "secret", "password", "pass", "x-api-key", "projectsecret", "project_secret");
    /** A path segment that looks like a key: 20+ letters, digits, '-' or '_' with at least one digit. */
    private static final Pattern KEY_SEGMENT = Pattern.compile("(?=[A-Za-z_-]*[0-9])[A-Za-z0-9_-]{20,}");

    private SecretUrls() {
    }

    /** The URL with any key in it masked; null stays null; text that is no URL is returned masked as a whole. */
    public static String mask(String url) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return KEY_SEGMENT.matcher(url).find() ? MASK : url;
        }
        String prefix = url.substring(0, scheme + 3);
        String rest = url.substring(scheme + 3);
        int pathStart = firstOf(rest, '/', '?', '#');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String tail = pathStart < 0 ? "" : rest.substring(pathStart);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = MASK + authority.substring(at);
        }
        String fragment = "";
        int hash = tail.indexOf('#');
        if (hash >= 0) {
            fragment = "#" + MASK;
            tail = tail.substring(0, hash);
        }
        String query = "";
        int question = tail.indexOf('?');
        if (question >= 0) {
            query = maskQuery(tail.substring(question + 1));
            tail = tail.substring(0, question);
        }
        String maskedPath = tail.isEmpty() ? "" : (tail.startsWith("/") ? "/" : "") + join(tail);
        return prefix + authority + maskedPath + (question >= 0 ? "?" + query : "") + fragment;
    }

    /** Whether {@link #mask} changes the URL (it carries something that looks like a key). */
    public static boolean hasSecret(String url) {
        return url != null && !url.equals(mask(url));
    }

    private static String join(String path) {
        String[] segments = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(KEY_SEGMENT.matcher(segments[i]).matches() ? MASK : segments[i]);
        }
        return out.toString();
    }

    private static String maskQuery(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? null : pair.substring(eq + 1);
            boolean secret = SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))
                    || (value != null && KEY_SEGMENT.matcher(value).matches());
            out.append(name);
            if (value != null) {
                out.append('=').append(secret ? MASK : value);
            }
        }
        return out.toString();
    }

    private static int firstOf(String text, char... chars) {
        int first = -1;
        for (char c : chars) {
            int i = text.indexOf(c);
            if (i >= 0 && (first < 0 || i < first)) {
                first = i;
            }
        }
        return first;
    }
}
