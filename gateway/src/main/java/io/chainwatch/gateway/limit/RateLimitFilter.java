package io.chainwatch.gateway.limit;

import java.util.Map;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.gateway.auth.AuthenticationFilter;
import io.chainwatch.gateway.buckets.TokenBuckets;
import io.chainwatch.gateway.web.Problems;
import io.chainwatch.security.Caller;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Token buckets per caller — an API key or a signed-in person: {@code rate-limit.requests} per
 * {@code rate-limit.period} — and per organization, shared by all its keys and people: {@code rate-limit.org-requests}
 * per period; refilled gradually. Over either limit: 429 with {@code Retry-After}. Runs after authentication, so only
 * known callers get a bucket. The buckets are in the {@link TokenBuckets} of {@code rate-limit.store}: this
 * instance's memory, or Redis shared by every gateway instance (falling back to memory while Redis does not answer).
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    private final TokenBuckets buckets;
    private final ChainwatchGatewayProperties.RateLimit limit;

    public RateLimitFilter(ChainwatchGatewayProperties properties, TokenBuckets buckets) {
        this.limit = properties.rateLimit();
        this.buckets = buckets;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20; // after AuthenticationFilter
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller = exchange.getAttribute(AuthenticationFilter.CALLER);
        if (caller == null) {
            return chain.filter(exchange);
        }
        return buckets.take("caller:" + caller.subject(), limit.requests(), limit.period(), 1, false)
                .flatMap(own -> {
                    if (!own.allowed()) {
                        return tooMany(exchange, own, "This caller made more than " + limit.requests()
                                + " requests in " + limit.period());
                    }
                    if (caller.orgId() == null) {
                        return pass(exchange, chain, own.remaining());
                    }
                    return buckets.take("org:" + caller.orgId(), limit.orgRequests(), limit.period(), 1, false)
                            .flatMap(org -> org.allowed()
                                    ? pass(exchange, chain, Math.min(own.remaining(), org.remaining()))
                                    : tooMany(exchange, org, "Your organization made more than "
                                            + limit.orgRequests() + " requests in " + limit.period()));
                });
    }

    private static Mono<Void> pass(ServerWebExchange exchange, WebFilterChain chain, long remaining) {
        exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", Long.toString(remaining));
        return chain.filter(exchange);
    }

    private static Mono<Void> tooMany(ServerWebExchange exchange, TokenBuckets.Take take, String what) {
        long retryAfter = take.retryAfterSeconds();
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, what + "; retry after " + retryAfter + " s.",
                Map.of("retryAfterSeconds", retryAfter));
    }
}
