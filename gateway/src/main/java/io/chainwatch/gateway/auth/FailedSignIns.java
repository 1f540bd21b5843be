package io.chainwatch.gateway.auth;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.Bandwidth;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Throttles guessing: failed API-key or bearer-token attempts are counted per source address and per key prefix (a
 * registry key's {@code cw_<prefix>_}); after {@code chainwatch.gateway.auth-throttle.failures} failures within
 * {@code …period} the source (or the prefix) is answered 429 with {@code Retry-After} without the credential being
 * checked, until the window refills. Each refused attempt counts in {@code chainwatch.gateway.auth.throttled} (tag
 * {@code kind}: {@code api-key}, {@code bearer}). The counts are per gateway instance (see docs/security.md). Failed
 * sign-ins with a password are the identity service's to throttle (its own SignInThrottle).
 */
@Component
public class FailedSignIns {

    /** A refusal: how long the client should wait. */
    public record Throttled(long retryAfterSeconds) {
    }

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(1, TimeUnit.HOURS).build();
    private final int failures;
    private final Duration period;
    private final MeterRegistry meters;

    public FailedSignIns(@Value("${chainwatch.gateway.auth-throttle.failures:20}") int failures,
                         @Value("${chainwatch.gateway.auth-throttle.period:5m}") Duration period,
                         MeterRegistry meters) {
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
     * user name; null when none), has used up its failures; null when the attempt may go on.
     */
    public Throttled check(String kind, String source, String subject) {
        Throttled bySource = exhausted("source:" + source);
        Throttled bySubject = subject == null ? null : exhausted(kind + ":" + subject);
        Throttled refused = bySource != null ? bySource : bySubject;
        if (refused != null) {
            meters.counter("chainwatch.gateway.auth.throttled", "kind", kind).increment();
        }
        return refused;
    }

    /** A failed attempt: counts against the source and the subject. */
    public void failed(String kind, String source, String subject) {
        bucket("source:" + source).tryConsume(1);
        if (subject != null) {
            bucket(kind + ":" + subject).tryConsume(1);
        }
    }

    private Throttled exhausted(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return null;
        }
        long available = bucket.getAvailableTokens();
        if (available > 0) {
            return null;
        }
        long waitNanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return new Throttled(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos) + 1));
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, period).build()).build());
    }
}
