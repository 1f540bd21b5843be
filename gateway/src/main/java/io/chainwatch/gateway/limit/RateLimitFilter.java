package io.chainwatch.gateway.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.gateway.auth.AuthenticationFilter;
import io.chainwatch.gateway.web.Problems;
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
 * A token bucket per caller, an API key or a signed-in person (Bucket4j): {@code rate-limit.requests} per {@code rate-limit.period}, refilled
 * gradually. Over the limit: 429 with {@code Retry-After}. Runs after authentication, so only known keys get a
 * bucket; buckets of keys unused for an hour are forgotten. The limit is per gateway instance.
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
        String caller = exchange.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE);
        if (caller == null) {
            return chain.filter(exchange);
        }
        Bucket bucket = buckets.get(caller, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            return chain.filter(exchange);
        }
        long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "This API key made more than " + limit.requests()
                + " requests in " + limit.period() + "; retry after " + retryAfter + " s.", Map.of("retryAfterSeconds", retryAfter));
    }
}
