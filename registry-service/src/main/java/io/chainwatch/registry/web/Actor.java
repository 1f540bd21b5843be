package io.chainwatch.registry.web;

import java.util.regex.Pattern;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who makes the current call, for the audit log. Until the gateway issues caller identities it is the
 * {@value #HEADER} request header, or {@value #ANONYMOUS}; outside a request (task steps) the caller passes it.
 */
public final class Actor {

    public static final String HEADER = "X-ChainWatch-Actor";
    public static final String ANONYMOUS = "anonymous";

    private static final Pattern VALID = Pattern.compile("[\\p{Graph} ]{1,100}");

    private Actor() {
    }

    /** The current request's actor; {@value #ANONYMOUS} when absent or outside a request. */
    public static String current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return ANONYMOUS;
        }
        String header = servlet.getRequest().getHeader(HEADER);
        if (header == null || header.isBlank()) {
            return ANONYMOUS;
        }
        String actor = header.strip();
        if (!VALID.matcher(actor).matches()) {
            throw new InvalidRequestException(HEADER, "must be 1 to 100 printable characters");
        }
        return actor;
    }
}
