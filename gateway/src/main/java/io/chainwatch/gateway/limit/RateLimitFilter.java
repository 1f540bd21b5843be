package io.chainwatch.gateway.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.gateway.auth.AuthenticationFilter;
import io.chainwatch.gateway.web.Problems;
import io.chainwatch.security.Caller;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Token buckets (Bucket4j) per caller — an API key or a signed-in person: {@code rate-limit.requests} per
 * {@code rate-limit.period} — and per organization, shared by all its keys and people: {@code rate-limit.org-requests}
 * per period; refilled gradually. Over either limit: 429 with {@code Retry-After}. Runs after authentication, so only
 * known callers get a bucket; buckets unused for an hour are forgotten. The limits are per gateway instance.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(1, TimeUnit.HOURS).build();
    private final ChainwatchGatewayProperties.RateLimit limit;

    public RateLimitFilter(ChainwatchGatewayProperties properties) {
        this.limit = properties.rateLimit();
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
        ConsumptionProbe probe = bucket("caller:" + caller.subject(), limit.requests()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            return tooMany(exchange, probe, "This caller made more than " + limit.requests() + " requests in "
                    + limit.period());
        }
        if (caller.orgId() != null) {
            ConsumptionProbe org = bucket("org:" + caller.orgId(), limit.orgRequests()).tryConsumeAndReturnRemaining(1);
            if (!org.isConsumed()) {
                return tooMany(exchange, org, "Your organization made more than " + limit.orgRequests()
                        + " requests in " + limit.period());
            }
            probe = org.getRemainingTokens() < probe.getRemainingTokens() ? org : probe;
        }
        exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        return chain.filter(exchange);
    }

    private Bucket bucket(String key, long requests) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(requests).refillGreedy(requests, limit.period()).build())
                .build());
    }

    private static Mono<Void> tooMany(ServerWebExchange exchange, ConsumptionProbe probe, String what) {
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, what + "; retry after " + retryAfter + " s.",
                Map.of("retryAfterSeconds", retryAfter));
    }
}
