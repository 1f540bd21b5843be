package io.chainwatch.gateway.auth;

import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.security.InternalTokenVerifier;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Vouches for the caller to the service a request is routed to: removes whatever internal token or identity header
 * the client sent, and — for a route whose metadata names an {@code audience} — adds an internal token for that
 * service carrying the authenticated {@link Caller}.
 */
@Component
public class InternalTokenFilter implements GlobalFilter, Ordered {

    /** Identity headers a client must never be able to set. */
    static final String LEGACY_ACTOR_HEADER = "X-ChainWatch-Actor";

    private final InternalTokenIssuer issuer;

    public InternalTokenFilter(InternalTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Caller caller = exchange.getAttribute(AuthenticationFilter.CALLER);
        Object audience = route == null ? null : route.getMetadata().get("audience");
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> {
            h.remove(InternalTokenVerifier.HEADER);
            h.remove(LEGACY_ACTOR_HEADER);
            if (audience != null && caller != null) {
                h.set(InternalTokenVerifier.HEADER, issuer.issue(caller, audience.toString()));
            }
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }
}
