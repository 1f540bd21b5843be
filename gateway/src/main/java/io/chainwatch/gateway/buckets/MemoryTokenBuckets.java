package io.chainwatch.gateway.buckets;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/**
 * Token buckets (Bucket4j) in this gateway instance's memory: each instance counts alone. Buckets unused for an hour
 * are forgotten; a look ({@code units = 0}) at a bucket never used makes none.
 */
public final class MemoryTokenBuckets implements TokenBuckets {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(1, TimeUnit.HOURS).build();

    @Override
    public Mono<Take> take(String key, long capacity, Duration period, long units, boolean keepLocalCopy) {
        return Mono.just(takeNow(key, capacity, period, units));
    }

    /** {@link #take} without the {@link Mono}. */
    public Take takeNow(String key, long capacity, Duration period, long units) {
        if (units == 0) {
            Bucket bucket = buckets.getIfPresent(key);
            if (bucket == null || bucket.getAvailableTokens() > 0) {
                return new Take(true, bucket == null ? capacity : bucket.getAvailableTokens(), 0);
            }
            return new Take(false, 0, seconds(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
        }
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(units);
        return probe.isConsumed() ? new Take(true, probe.getRemainingTokens(), 0)
                : new Take(false, probe.getRemainingTokens(), seconds(probe.getNanosToWaitForRefill()));
    }

    private static long seconds(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
    }
}
