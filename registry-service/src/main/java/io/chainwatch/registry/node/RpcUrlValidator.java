package io.chainwatch.registry.node;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link RpcUrl}. The messages are fixed texts (never the rejected value: message templates are
 * interpolated) that say what is wrong.
 */
public class RpcUrlValidator implements ConstraintValidator<RpcUrl, String> {

    private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");
    private static final String EXAMPLE = ", e.g. http://127.0.0.1:8545";
    private static final String MISSING_HOST =
            "must name a host (letters, digits, dots and hyphens, or an IP address)" + EXAMPLE;

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String problem = problem(value);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }

    /** What is wrong with the URL, or {@code null} when it is fine. */
    static String problem(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            if (e.getReason() != null && e.getReason().contains("authority")) {
                return MISSING_HOST;
            }
            return "is not a valid URL: must be an absolute http, https, ws or wss URL with a host" + EXAMPLE;
        }
        if (uri.getScheme() == null) {
            return "must be an absolute URL starting with http://, https://, ws:// or wss://" + EXAMPLE;
        }
        if (!SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return "must use the scheme http, https, ws or wss" + EXAMPLE;
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
            return MISSING_HOST;
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
            return "must have a port from 1 to 65535" + EXAMPLE;
        }
        return null;
    }
}
