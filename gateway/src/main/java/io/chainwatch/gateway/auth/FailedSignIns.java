package io.chainwatch.gateway.auth;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import io.chainwatch.gateway.buckets.TokenBuckets;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Throttles guessing: failed API-key or bearer-token attempts are counted per source address and per key prefix (a
 * registry key's {@code cw_<prefix>_}); after {@code chainwatch.gateway.auth-throttle.failures} failures within
 * {@code …period} the source (or the prefix) is answered 429 with {@code Retry-After} without the credential being
 * checked, until the window refills. Each refused attempt counts in {@code chainwatch.gateway.auth.throttled} (tag
 * {@code kind}: {@code api-key}, {@code bearer}). The counts are token buckets of {@code rate-limit.store}: this
 * instance's memory, or Redis shared by every gateway instance; with Redis every failure is also counted in memory, so
 * that while Redis does not answer the instance still throttles with what it saw (see docs/security.md). Failed
 * sign-ins with a password are the identity service's to throttle (its own SignInThrottle).
 */
@Component
public class FailedSignIns {

    /** A refusal: how long the client should wait. */
    public record Throttled(long retryAfterSeconds) {
    }

    private static final Optional<Throttled> GO_ON = Optional.empty();

    private final TokenBuckets buckets;
    private final int failures;
    private final Duration period;
    private final MeterRegistry meters;

    public FailedSignIns(TokenBuckets buckets,
                         @Value("${chainwatch.gateway.auth-throttle.failures:20}") int failures,
                         @Value("${chainwatch.gateway.auth-throttle.period:5m}") Duration period,
                         MeterRegistry meters) {
        this.buckets = buckets;
        this.failures = failures;
        this.period = period;
        this.meters = meters;
    }

    /** The source address of the request ("unknown" when the server does not know it). */
    public static String source(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /**
     * Before checking a credential: a refusal when the source, or the credential's {@code subject} (key prefix or
     * user name; null when none), has used up its failures; empty when the attempt may go on.
     */
    public Mono<Optional<Throttled>> check(String kind, String source, String subject) {
        Mono<Optional<Throttled>> bySource = exhausted("auth:source:" + source);
        Mono<Optional<Throttled>> refused = subject == null ? bySource
                : Mono.zip(bySource, exhausted("auth:" + kind + ":" + subject), (s, k) -> s.isPresent() ? s : k);
        return refused.doOnNext(r -> {
            if (r.isPresent()) {
                meters.counter("chainwatch.gateway.auth.throttled", "kind", kind).increment();
            }
        });
    }

    /** A failed attempt: counts against the source and the subject. */
    public Mono<Void> failed(String kind, String source, String subject) {
        Mono<TokenBuckets.Take> bySource = buckets.take("auth:source:" + source, failures, period, 1, true);
        return subject == null ? bySource.then()
                : Mono.when(bySource, buckets.take("auth:" + kind + ":" + subject, failures, period, 1, true));
    }

    private Mono<Optional<Throttled>> exhausted(String key) {
        return buckets.take(key, failures, period, 0, false)
                .map(take -> take.allowed() ? GO_ON : Optional.of(new Throttled(take.retryAfterSeconds())));
    }
}
