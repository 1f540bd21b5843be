package io.chainwatch.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every {@code /api/**} answer carries {@code Cache-Control: no-store} unless the service set its own: an
 * organization's data is never kept in a browser's or a proxy's cache, and a browser never holds a request back
 * behind the cache entry of an earlier one for the same URL (the console polls the same URLs every few seconds).
 */
@Component
public class NoStoreFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith("/api/")) {
            exchange.getResponse().beforeCommit(() -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                    headers.setCacheControl("no-store");
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
