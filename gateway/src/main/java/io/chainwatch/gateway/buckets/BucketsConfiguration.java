package io.chainwatch.gateway.buckets;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.gateway.buckets.redis.RedisTokenBuckets;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** The {@link TokenBuckets} of {@code chainwatch.gateway.rate-limit.store}: {@code memory} (default) or {@code redis}. */
@Configuration(proxyBeanMethods = false)
public class BucketsConfiguration {

    @Bean
    TokenBuckets tokenBuckets(ChainwatchGatewayProperties properties,
            ObjectProvider<ReactiveStringRedisTemplate> redis, MeterRegistry meters) {
        ChainwatchGatewayProperties.RateLimit limit = properties.rateLimit();
        return switch (limit.store()) {
            case MEMORY -> new MemoryTokenBuckets();
            case REDIS -> new RedisTokenBuckets(redis.getObject(), new MemoryTokenBuckets(), limit.storeTimeout(),
                    meters);
        };
    }

    /**
     * While Lettuce is not connected to Redis (Redis down, reconnecting), commands fail at once instead of waiting in
     * a queue for the reconnection: the buckets fall back to memory without holding requests.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
