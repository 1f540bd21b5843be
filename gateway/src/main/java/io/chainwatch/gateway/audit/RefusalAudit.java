package io.chainwatch.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.events.AuditEntry;
import io.chainwatch.gateway.auth.AuthenticationFilter;
import io.chainwatch.gateway.auth.FailedSignIns;
import io.chainwatch.gateway.web.Problems;
import io.chainwatch.security.Caller;
import io.chainwatch.security.audit.AuditRoutes;
import io.chainwatch.security.audit.AuditPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Audits the mutating API calls the gateway itself refuses — 401 (no or a bad credential) and 403 (a credential
 * without a ChainWatch role or organization, a quota change by someone not a platform admin) — which no service
 * sees, in the same {@link AuditEntry} format and on the same topic as the services' own entries ({@code service}
 * {@code gateway}, outcome {@code denied}, action as the services name it, e.g. {@code rule.create}). The actor is the
 * authenticated caller where there is one, else {@value AuditRoutes#ANONYMOUS}; details hold the method, path,
 * status, the problem's detail and the source address, never the credential. Refusals answered by a service are
 * audited there; 429s (throttled guessing, rate limits) are counted in metrics, not audited, so a flood of guesses
 * cannot flood the log: after {@code auth-throttle.failures} failures from an address its attempts are 429s.
 */
@Component
public class RefusalAudit implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RefusalAudit.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditPublisher publisher;

    public RefusalAudit(AuditPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE; // outside authentication, so its refusals pass through here
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        if (!MUTATING.contains(method) || !path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).doFinally(signal -> {
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            String detail = exchange.getAttribute(Problems.WRITTEN);
            if (detail != null && status != null && (status.value() == 401 || status.value() == 403)) {
                AuditEntry entry = entry(exchange, method, path, status.value(), detail);
                // off the event loop: the producer may block while it (re)learns the cluster's metadata
                Schedulers.boundedElastic().schedule(() -> {
                    try {
                        publisher.publish(entry);
                    } catch (RuntimeException e) {
                        log.error("audit entry could not be published for {} {}", method, path, e);
                    }
                });
            }
        });
    }

    private static AuditEntry entry(ServerWebExchange exchange, String method, String path, int status,
            String detail) {
        Caller caller = exchange.getAttribute(AuthenticationFilter.CALLER);
        AuditRoutes.Route route = AuditRoutes.route(method, path, Map.of(), false);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("method", method);
        details.put("path", path.length() > 300 ? path.substring(0, 300) : path);
        details.put("status", String.valueOf(status));
        details.put("problem", detail.length() > 300 ? detail.substring(0, 300) : detail);
        details.put("source", FailedSignIns.source(exchange));
        String orgId = caller == null || caller.orgId() == null ? null : caller.orgId().toString();
        return new AuditEntry(UUID.randomUUID().toString(), "gateway", orgId,
                caller == null ? AuditRoutes.ANONYMOUS : caller.subject(), orgId,
                route.resourceType() + "." + route.verb(), route.resourceType(), route.resourceId(), "denied",
                System.currentTimeMillis(), details);
    }
}
