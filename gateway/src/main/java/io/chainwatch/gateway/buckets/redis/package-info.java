/**
 * Token buckets in Redis, shared by every gateway instance that uses the same Redis ({@code spring.data.redis.*}):
 * Spring Cloud Gateway's own token-bucket script (the one its {@code RedisRateLimiter} runs), with a fall-back to
 * the instance's memory while Redis cannot be reached.
 */
package io.chainwatch.gateway.buckets.redis;
