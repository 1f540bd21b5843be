package io.chainwatch.gateway.buckets.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.chainwatch.gateway.buckets.MemoryTokenBuckets;
import io.chainwatch.gateway.buckets.TokenBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, run by Spring Cloud Gateway's script {@code META-INF/scripts/request_rate_limiter.lua} (its
 * {@code RedisRateLimiter}'s: keys {@code request_rate_limiter.{id}.tokens} and {@code .timestamp}, Redis's clock,
 * whole seconds, kept for twice the period). That script refills {@code rate} tokens per second; a bucket of
 * {@code capacity} units per period of {@code P} seconds is a bucket of {@code capacity × P} tokens refilled at
 * {@code capacity} tokens per second where one unit costs {@code P} tokens — the same gradual refill as the memory
 * buckets, to the second.
 *
 * <p>When Redis does not answer within {@code timeout} (down, unreachable, or Lettuce not connected, see
 * {@code BucketsConfiguration}), the bucket of this instance's memory answers instead: the limits then hold per
 * instance; each such answer counts in {@code chainwatch.gateway.buckets.fallbacks}. With {@code keepLocalCopy}, units
 * taken in Redis are also taken from the memory bucket, so that the fall-back starts from the recent past.
 */
public final class RedisTokenBuckets implements TokenBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of(
            new ClassPathResource("META-INF/scripts/request_rate_limiter.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final MemoryTokenBuckets local;
    private final Duration timeout;
    private final Counter fallbacks;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - 60_000_000_000L);

    public RedisTokenBuckets(ReactiveStringRedisTemplate redis, MemoryTokenBuckets local, Duration timeout,
            MeterRegistry meters) {
        this.redis = redis;
        this.local = local;
        this.timeout = timeout;
        this.fallbacks = Counter.builder("chainwatch.gateway.buckets.fallbacks")
                .description("Bucket answers from this instance's memory because Redis did not answer")
                .register(meters);
    }

    @Override
    public Mono<Take> take(String key, long capacity, Duration period, long units, boolean keepLocalCopy) {
        long unitTokens = Math.max(1, (period.toMillis() + 999) / 1000); // P, whole seconds
        long rate = capacity;
        String id = "request_rate_limiter.{chainwatch:" + key + "}";
        List<String> keys = List.of(id + ".tokens", id + ".timestamp");
        // ARGV[3] (now) left empty: the script takes Redis's own clock, the same for every gateway instance
        List<String> args = List.of(Long.toString(rate), Long.toString(capacity * unitTokens), "",
                Long.toString(units * unitTokens));
        return redis.execute(SCRIPT, keys, args)
                .reduce(new ArrayList<Long>(), (all, part) -> {
                    all.addAll(part);
                    return all;
                })
                .timeout(timeout)
                .map(answer -> {
                    long tokens = answer.get(1);
                    boolean allowed = units == 0 ? tokens >= unitTokens : answer.get(0) == 1L;
                    if (allowed && units > 0 && keepLocalCopy) {
                        local.takeNow(key, capacity, period, units);
                    }
                    long missing = Math.max(1, units) * unitTokens - tokens;
                    return new Take(allowed, tokens / unitTokens, allowed ? 0 : Math.max(1, (missing + rate - 1) / rate));
                })
                .onErrorResume(e -> {
                    fallbacks.increment();
                    long now = System.nanoTime();
                    long last = lastWarning.get();
                    if (now - last > 30_000_000_000L && lastWarning.compareAndSet(last, now)) {
                        log.warn("Redis did not answer for the rate limits and sign-in throttles ({}): this instance"
                                + " counts alone until it answers again", e.toString());
                    }
                    return Mono.just(local.takeNow(key, capacity, period, units));
                });
    }
}
