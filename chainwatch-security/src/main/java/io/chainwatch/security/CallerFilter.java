package io.chainwatch.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The services' door: a request to {@code /api/} or {@code /internal/} must carry a valid internal token from the
 * gateway ({@value InternalTokenVerifier#HEADER}), otherwise 401 — a direct call to a service is refused. The
 * verified {@link Caller} becomes the request attribute {@link Caller#ATTRIBUTE}. Coarse role rules apply here,
 * finer ones in the services: reading needs any role, changing needs {@link Role#OPERATOR}, and {@code /internal/}
 * is only for ChainWatch components ({@code system:} subjects). Control characters in the path, the query or a JSON
 * body are refused with 400 before any controller runs ({@link ControlCharacters}). Everything else (OpenAPI
 * document) passes.
 */
public class CallerFilter extends OncePerRequestFilter {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final InternalTokenVerifier verifier;

    public CallerFilter(InternalTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.startsWith("/internal/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(InternalTokenVerifier.HEADER);
        if (token == null || token.isBlank()) {
            problem(response, 401, "Unauthorized", "This service is reached through the ChainWatch gateway only:"
                    + " the request carries no internal token.");
            return;
        }
        Caller caller;
        try {
            caller = verifier.verify(token.strip());
        } catch (InternalTokenVerifier.InvalidTokenException e) {
            problem(response, 401, "Unauthorized", "The internal token is not valid: " + e.getMessage() + ".");
            return;
        }
        // set before the role checks, so that a refused call is audited with the caller who made it
        request.setAttribute(Caller.ATTRIBUTE, caller);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/internal/") && !caller.subject().startsWith("system:")) {
            problem(response, 403, "Forbidden", "Internal endpoints are for ChainWatch components only.");
            return;
        }
        if (!READ_METHODS.contains(request.getMethod()) && !caller.role().atLeast(Role.OPERATOR)) {
            problem(response, 403, "Forbidden", "A viewer can read but not change anything.");
            return;
        }
        try {
            request.getParameterMap(); // the container parses the query now, not deep inside a controller
        } catch (IllegalStateException e) { // Tomcat's InvalidParameterException: broken %-encoding, too many
            problem(response, 400, "Bad Request", "The query string cannot be decoded: use UTF-8 percent-encoding.");
            return;
        }
        if (ControlCharacters.find(decodedPath(request)) >= 0) {
            problem(response, 400, "Bad Request", "The path contains a control character.");
            return;
        }
        String badParameter = ControlCharacters.badParameter(request);
        if (badParameter != null) {
            problem(response, 400, "Bad Request", "Query parameter \"" + badParameter
                    + "\" contains a control character; none is allowed (except tab and line breaks in bodies).");
            return;
        }
        HttpServletRequest forwarded = request;
        if (ControlCharacters.hasJsonBody(request)) {
            ControlCharacters.BufferedBody buffered = new ControlCharacters.BufferedBody(request);
            ControlCharacters.Found control = ControlCharacters.findInJson(buffered.text());
            if (control != null) {
                problem(response, 400, "Bad Request", String.format("%s control characters (U+%04X); none is"
                        + " allowed except tab and line breaks.", control.field() == null ? "The request body contains"
                        : "Field \"" + control.field().replaceAll("\\p{Cntrl}", "?") + "\" contains",
                        control.character()));
                return;
            }
            forwarded = buffered;
        }
        forwarded.setAttribute(Caller.ATTRIBUTE, caller);
        chain.doFilter(forwarded, response);
    }

    private static String decodedPath(HttpServletRequest request) {
        try {
            return java.net.URLDecoder.decode(request.getRequestURI().replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return request.getRequestURI();
        }
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "ChainWatch-Internal");
        }
        String body = "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status
                + ",\"detail\":" + quote(detail) + "}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
