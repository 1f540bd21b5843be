package io.chainwatch.security.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.events.AuditEntry;
import io.chainwatch.security.Caller;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audits every mutating call of the public API ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under
 * {@code /api/}; not the components' {@code /internal/} calls, such as the gateway's API-key checks): after the
 * response status is known, one {@link AuditEntry} goes to the {@link AuditPublisher}. Runs before the
 * {@link io.chainwatch.security.CallerFilter}, so the calls it refuses are audited too.
 *
 * <ul>
 * <li>actor / actorOrgId: the verified {@link Caller} (request attribute {@link Caller#ATTRIBUTE}); without a valid
 * internal token {@value #ANONYMOUS}.</li>
 * <li>action {@code <resource>.<verb>} and resourceType from the matched route: {@code POST /api/v1/rules} is
 * {@code rule.create}, {@code PUT /api/v1/rules/{id}} {@code rule.update}, {@code DELETE} {@code rule.delete},
 * {@code POST /api/v1/alerts/{fp}/acknowledge} {@code alert.acknowledge}.</li>
 * <li>resourceId: the path variable after the resource's collection, or the {@code id} of a created resource.</li>
 * <li>orgId (the organization the entry belongs to): the {@code orgId} of the answer or of the request body when
 * the caller is a platform admin, otherwise the caller's own organization.</li>
 * <li>outcome: {@code success} (2xx/3xx), {@code denied} (401, 403), {@code failed} (anything else); details: the
 * method, path and status, and for a refusal or failure the problem's {@code detail}. Bodies are never copied.</li>
 * </ul>
 */
public class AuditFilter extends OncePerRequestFilter {

    /** Request attribute a service sets (to {@code Boolean.TRUE}) when it recorded the successful change itself. */
    public static final String RECORDED = AuditFilter.class.getName() + ".recorded";

    /** The actor of a call that carried no valid internal token. */
    public static final String ANONYMOUS = AuditRoutes.ANONYMOUS;

    /** Spring MVC's request attribute with the matched route ({@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}). */
    private static final String PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    /** Spring MVC's request attribute with the route's variables ({@code HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE}). */
    private static final String VARIABLES_ATTRIBUTE =
            "org.springframework.web.servlet.HandlerMapping.uriTemplateVariables";

    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int BODY_LIMIT = 256 * 1024;

    private final String service;
    private final AuditPublisher publisher;
    private final JsonMapper json;

    /**
     * @param service the service name in the entries, e.g. {@code registry}, {@code alert}, {@code cdc}
     */
    public AuditFilter(String service, AuditPublisher publisher, JsonMapper json) {
        this.service = service;
        this.publisher = publisher;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !MUTATING.contains(request.getMethod()) || !path.startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingRequestWrapper cachedRequest = new ContentCachingRequestWrapper(request, BODY_LIMIT);
        ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
        int status = 500;
        try {
            chain.doFilter(cachedRequest, cachedResponse);
            status = cachedResponse.getStatus();
        } finally {
            try {
                if (status >= 400 || !Boolean.TRUE.equals(request.getAttribute(RECORDED))) {
                    publisher.publish(entry(cachedRequest, cachedResponse, status));
                }
            } catch (RuntimeException e) {
                logger.error("audit entry could not be made for " + request.getMethod() + " " + path(request), e);
            }
            cachedResponse.copyBodyToResponse();
        }
    }

    AuditEntry entry(ContentCachingRequestWrapper request, ContentCachingResponseWrapper response, int status) {
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        AuditRoutes.Route route = route(request);
        JsonNode answer = status < 300 ? parse(response.getContentAsByteArray()) : null;
        JsonNode problem = status >= 400 ? parse(response.getContentAsByteArray()) : null;
        String resourceId = route.resourceId();
        if (resourceId == null && answer != null && answer.path("id").isValueNode()) {
            resourceId = answer.path("id").asString();
        }
        String outcome = status < 400 ? "success" : status == 401 || status == 403 ? "denied" : "failed";
        Map<String, String> details = new LinkedHashMap<>();
        details.put("method", request.getMethod());
        details.put("path", path(request));
        details.put("status", String.valueOf(status));
        if (problem != null && problem.path("detail").isString()) {
            details.put("problem", truncate(problem.path("detail").asString(), 300));
        }
        return new AuditEntry(UUID.randomUUID().toString(), service, orgId(caller, request, answer),
                caller == null ? ANONYMOUS : caller.subject(),
                caller == null || caller.orgId() == null ? null : caller.orgId().toString(),
                truncate(route.resourceType() + "." + route.verb(), 64), truncate(route.resourceType(), 32),
                resourceId == null ? null : truncate(resourceId, 64), outcome, System.currentTimeMillis(), details);
    }

    /** The organization the entry belongs to. */
    private String orgId(Caller caller, ContentCachingRequestWrapper request, JsonNode answer) {
        if (caller != null && !caller.isPlatformAdmin()) {
            return caller.orgId().toString();
        }
        for (JsonNode node : new JsonNode[] {answer, parse(request.getContentAsByteArray())}) {
            if (node != null && node.path("orgId").isString() && isUuid(node.path("orgId").asString())) {
                return node.path("orgId").asString();
            }
        }
        String named = request.getParameter("orgId");
        return named != null && isUuid(named) ? named : null;
    }

    @SuppressWarnings("unchecked")
    static AuditRoutes.Route route(HttpServletRequest request) {
        String pattern = (String) request.getAttribute(PATTERN_ATTRIBUTE);
        Map<String, String> variables = (Map<String, String>) request.getAttribute(VARIABLES_ATTRIBUTE);
        return AuditRoutes.route(request.getMethod(), pattern != null ? pattern : path(request),
                variables == null ? Map.of() : variables, pattern != null);
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0 || body[0] != '{') {
            return null;
        }
        try {
            return json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
