/**
 * Where the gateway keeps its token buckets — the request rate limits ({@code limit.RateLimitFilter}) and the failed
 * sign-in counts ({@code auth.FailedSignIns}): {@link io.chainwatch.gateway.buckets.TokenBuckets}, in this instance's
 * memory ({@link io.chainwatch.gateway.buckets.MemoryTokenBuckets}, the default, for one gateway) or in Redis, shared
 * by every gateway instance ({@code redis/}), chosen by {@code chainwatch.gateway.rate-limit.store}.
 */
package io.chainwatch.gateway.buckets;
