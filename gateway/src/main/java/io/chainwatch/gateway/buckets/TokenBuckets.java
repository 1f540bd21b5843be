package io.chainwatch.gateway.buckets;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Token buckets by key: {@code capacity} units per {@code period}, refilled gradually, {@code capacity} also the
 * burst. A bucket is made on first use, full.
 */
public interface TokenBuckets {

    /**
     * The answer of a bucket.
     *
     * @param allowed           the units were taken (for a look, {@code units = 0}: at least one unit is left)
     * @param remaining         whole units left in the bucket
     * @param retryAfterSeconds when not allowed: seconds until the units asked for (at least one) are back; else 0
     */
    record Take(boolean allowed, long remaining, long retryAfterSeconds) {
    }

    /**
     * Takes {@code units} from the bucket {@code key} if it holds them; {@code units = 0} only looks.
     *
     * @param keepLocalCopy a store shared by several instances also takes the units from this instance's memory, so
     *                      that, should the shared store fail, the local count it falls back to knows the recent past
     *                      (for counts that must not start afresh in an outage: failed sign-ins)
     */
    Mono<Take> take(String key, long capacity, Duration period, long units, boolean keepLocalCopy);
}
